package io.nightshift.jobs.config;

import com.typesafe.config.Config;
import io.nightshift.jobs.schema.Column;
import io.nightshift.jobs.schema.InputTable;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * Where the input lake is and how to read it.
 *
 * @param path the input root; tables live in {@code <path>/<table>/dt=YYYY-MM-DD/}
 * @param lookbackDays days of history read for a run, ending with the run date (partition pruning)
 * @param tableDirs folder name per table, for lakes that name them differently
 * @param columnMaps per table, canonical column name to the name in the user's lake
 */
public record InputSettings(
    String path,
    int lookbackDays,
    Map<InputTable, String> tableDirs,
    Map<InputTable, Map<String, String>> columnMaps) {

  static InputSettings from(Config c) {
    Map<InputTable, String> dirs = new EnumMap<>(InputTable.class);
    Map<InputTable, Map<String, String>> maps = new EnumMap<>(InputTable.class);
    for (InputTable t : InputTable.values()) {
      dirs.put(t, c.getString("tables." + t.tableName()));
      Map<String, String> m = new HashMap<>();
      String section = "columns." + t.tableName();
      if (c.hasPath(section)) {
        Config cm = c.getConfig(section);
        for (var e : cm.entrySet()) {
          String canonical = e.getKey();
          if (t.column(canonical).isEmpty()) {
            throw new BadConfigException(
                "config key 'nightshift.input."
                    + section
                    + "."
                    + canonical
                    + "' maps an unknown column; "
                    + t.tableName()
                    + " has "
                    + t.columns().stream().map(Column::name).toList());
          }
          m.put(canonical, String.valueOf(e.getValue().unwrapped()));
        }
      }
      maps.put(t, Map.copyOf(m));
    }
    return new InputSettings(
        c.getString("path"), Checks.positiveInt(c, "lookbackDays"), dirs, maps);
  }

  /** The name of a canonical column in the user's lake. */
  public String sourceColumn(InputTable table, String canonical) {
    return columnMaps.getOrDefault(table, Map.of()).getOrDefault(canonical, canonical);
  }
}
