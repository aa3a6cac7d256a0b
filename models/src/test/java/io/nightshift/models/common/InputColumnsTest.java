package io.nightshift.models.common;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class InputColumnsTest {
  private static final StructType SCHEMA =
      new StructType()
          .add("series", DataTypes.StringType)
          .add("ts", DataTypes.TimestampNTZType)
          .add("value", DataTypes.StringType);

  @Test
  void wrongTypeNamesModelColumnExpectedAndActual() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> InputColumns.require(SCHEMA, "forecaster", "value", InputColumns.NUMERIC));
    assertEquals("forecaster: input column 'value' must be numeric, was string", e.getMessage());
  }

  @Test
  void missingColumnNamesExpectedTypeAndTheColumnsThere() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> InputColumns.require(SCHEMA, "risk model", "label", "y", InputColumns.NUMERIC));
    assertEquals(
        "risk model: label column 'y' (numeric) is missing; columns are [series, ts, value]",
        e.getMessage());
  }

  @Test
  void optionalColumnIsCheckedOnlyWhenPresent() {
    assertDoesNotThrow(
        () -> InputColumns.requireIfPresent(SCHEMA, "m", "absent", InputColumns.NUMERIC));
    assertThrows(
        IllegalArgumentException.class,
        () -> InputColumns.requireIfPresent(SCHEMA, "m", "value", InputColumns.NUMERIC));
  }

  @Test
  void timestampKindsDifferOnTimeZone() {
    assertThrows(
        IllegalArgumentException.class,
        () -> InputColumns.require(SCHEMA, "m", "ts", InputColumns.TIMESTAMP));
    assertDoesNotThrow(() -> InputColumns.require(SCHEMA, "m", "ts", InputColumns.ANY_TIMESTAMP));
  }
}
