package io.nightshift.models.incidents;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The readable label of a family: the common template of its titles. Starts from the family's most
 * frequent template (ties: the alphabetically first) and replaces each token that is missing from
 * any other template of the family by {@code <*>} (runs of {@code <*>} collapse to one). For
 * example "replication lag <num> s on <host>" (3 incidents) and "replication broken on <host>" (1)
 * give "replication <*> on <host>". A run of one mask collapses to one as well: the parts of a
 * version ("after deploy 3.2.2", template "after deploy <num> <num>") read as one value, "after
 * deploy <num>". Only the label: the templates, and so the family ids, keep every mask.
 */
public final class FamilyLabel {
  /** Placeholder for a token the family's titles do not share. */
  public static final String WILDCARD = "<*>";

  private FamilyLabel() {}

  /**
   * @param templates the family's distinct templates
   * @param counts how many incidents have each template (same order)
   */
  public static String common(List<String> templates, List<Long> counts) {
    if (templates.isEmpty()) {
      return "";
    }
    int best = 0;
    for (int i = 1; i < templates.size(); i++) {
      int c = Long.compare(counts.get(i), counts.get(best));
      if (c > 0 || (c == 0 && templates.get(i).compareTo(templates.get(best)) < 0)) {
        best = i;
      }
    }
    List<Set<String>> others = new ArrayList<>();
    for (int i = 0; i < templates.size(); i++) {
      if (i != best) {
        others.add(new HashSet<>(Arrays.asList(templates.get(i).split(" "))));
      }
    }
    List<String> out = new ArrayList<>();
    for (String t : templates.get(best).split(" ")) {
      boolean shared = others.stream().allMatch(o -> o.contains(t));
      String tok = shared ? t : WILDCARD;
      boolean repeatsMask =
          tok.startsWith("<") && !out.isEmpty() && out.get(out.size() - 1).equals(tok);
      if (!repeatsMask) {
        out.add(tok);
      }
    }
    return String.join(" ", out).trim();
  }
}
