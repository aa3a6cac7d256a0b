package io.nightshift.models.incidents;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TemplateClustererTest {
  private final TemplateClusterer clusterer = new TemplateClusterer(0.5, 16, 2);

  private static Set<String> tokens(String template) {
    return TitleNormaliser.signatureTokens(TitleNormaliser.template(template));
  }

  @Test
  void joinsNearDuplicatesAndSeparatesDifferentProblems() {
    int[] c =
        clusterer.cluster(
            List.of(
                tokens("disk var full"),
                tokens("connection pool exhausted"),
                tokens("disk var almost full"),
                tokens("connection pool exhausted again"),
                tokens("certificate expired")));
    assertArrayEquals(new int[] {0, 1, 0, 1, 4}, c);
  }

  @Test
  void emptyTokenSetsFormOneCluster() {
    int[] c = clusterer.cluster(List.of(Set.of(), tokens("disk full"), Set.of()));
    assertArrayEquals(new int[] {0, 1, 0}, c);
  }

  @Test
  void jaccardOfHandExample() {
    assertEquals(
        2.0 / 4.0, TemplateClusterer.jaccard(Set.of("a", "b", "c"), Set.of("b", "c", "d")), 1e-12);
  }

  @Test
  void findsAlmostAllPairsAboveThresholdAmongManyTemplates() {
    List<Set<String>> sets = new ArrayList<>();
    for (int f = 0; f < 200; f++) {
      for (int v = 0; v < 5; v++) {
        sets.add(Set.of("w" + f + "a", "w" + f + "b", "w" + f + "c", "w" + f + "d", "x" + v));
      }
    }
    int[] c = clusterer.cluster(sets);
    int correct = 0;
    for (int i = 0; i < sets.size(); i++) {
      if (c[i] == (i / 5) * 5) {
        correct++;
      }
    }
    assertTrue(correct >= 0.99 * sets.size(), "correct " + correct);
  }

  @Test
  void rejectsThresholdOutsideUnitInterval() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new TemplateClusterer(0, 16, 2));
    assertTrue(e.getMessage().startsWith("threshold must be in (0, 1]"));
  }
}
