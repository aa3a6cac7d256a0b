package io.nightshift.models.incidents;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import org.junit.jupiter.api.Test;

class TitleNormaliserTest {

  @Test
  void masksHostsNumbersAndDatesSoRepeatsShareATemplate() {
    String a = TitleNormaliser.template("Disk /var 95% full on web-03 at 2024-03-01T10:15:00Z");
    String b = TitleNormaliser.template("disk /var 97% full on web-11 at 2024-03-09 22:01");
    assertEquals("disk var <num> full on <host> at <ts>", a);
    assertEquals(a, b);
  }

  @Test
  void masksIpsUuidsHexAndDottedHosts() {
    assertEquals(
        "timeout calling <ip> from <host> request <uuid> trace <hex>",
        TitleNormaliser.template(
            "Timeout calling 10.0.12.7:8443 from api1.prod.example.com request"
                + " 3f2a9c1e-1b2c-4d5e-8f90-a1b2c3d4e5f6 trace 0xdeadbeef"));
  }

  @Test
  void keepsUnitsOfNumbersAsTokens() {
    assertEquals("p99 latency above <num> ms", TitleNormaliser.template("p99 latency above 500ms"));
  }

  @Test
  void nullTitleHasEmptyTemplate() {
    assertEquals("", TitleNormaliser.template(null));
  }

  @Test
  void signatureDropsMasksAndStopWords() {
    assertEquals(
        Set.of("disk", "var", "full"),
        TitleNormaliser.signatureTokens("disk var <num> full on <host> at <ts>"));
  }

  @Test
  void symptomTemplateKeepsCodesButMasksNumbers() {
    assertEquals("e1234 disk_full <num>", TitleNormaliser.symptomTemplate("E1234 DISK_FULL 42"));
  }
}
