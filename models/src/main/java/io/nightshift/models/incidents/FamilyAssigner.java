package io.nightshift.models.incidents;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Assigns the distinct templates of one block to families: the plain-Java core of {@link
 * IncidentFamilyGrouper} and {@link IncidentFamilyModel}, run once per block.
 *
 * <p>A block is one service and category for titled incidents, and one service, category and
 * configuration item for incidents without a title (whose "template" is then their normalised
 * symptom codes). Templates already known from a fitted model keep their family id; a cluster
 * holding known templates of several families takes the smallest of their ids; a cluster with no
 * known template gets a new id derived from its block and its alphabetically first template, so the
 * same data always gives the same ids.
 */
public final class FamilyAssigner {
  /** Separates the parts of a block key. */
  public static final String SEP = "\u001f";

  /** Prefix of the template of an incident without a title. */
  public static final String NO_TITLE = "[no title]";

  private final TemplateClusterer clusterer;

  public FamilyAssigner(TemplateClusterer clusterer) {
    this.clusterer = clusterer;
  }

  /** One distinct template of a block, with its incident count and its known family, if any. */
  public record Item(String template, long count, String knownFamilyId) {}

  /** A template's family. */
  public record Assignment(String template, long count, String familyId, String label) {}

  /** The block key of an incident. */
  public static String blockKey(String service, String category, String entity, boolean titled) {
    return nz(service) + SEP + nz(category) + (titled ? "" : SEP + nz(entity));
  }

  /** Assigns every item of one block (items may repeat a template; counts then add up). */
  public List<Assignment> assign(String block, Iterable<Item> items) {
    Map<String, long[]> counts = new TreeMap<>();
    Map<String, String> known = new HashMap<>();
    for (Item it : items) {
      counts.computeIfAbsent(it.template(), k -> new long[1])[0] += it.count();
      if (it.knownFamilyId() != null) {
        known.merge(it.template(), it.knownFamilyId(), (a, b) -> a.compareTo(b) <= 0 ? a : b);
      }
    }
    List<String> templates = new ArrayList<>(counts.keySet());
    List<Set<String>> sets = new ArrayList<>(templates.size());
    for (String t : templates) {
      sets.add(tokensOf(t));
    }
    int[] root = clusterer.cluster(sets);
    Map<Integer, List<Integer>> members = new LinkedHashMap<>();
    for (int i = 0; i < root.length; i++) {
      members.computeIfAbsent(root[i], k -> new ArrayList<>()).add(i);
    }
    List<Assignment> out = new ArrayList<>(templates.size());
    for (Map.Entry<Integer, List<Integer>> e : members.entrySet()) {
      String id = null;
      List<String> ts = new ArrayList<>();
      List<Long> cs = new ArrayList<>();
      for (int i : e.getValue()) {
        String k = known.get(templates.get(i));
        if (k != null && (id == null || k.compareTo(id) < 0)) {
          id = k;
        }
        ts.add(templates.get(i));
        cs.add(counts.get(templates.get(i))[0]);
      }
      if (id == null) {
        id = newFamilyId(block, templates.get(e.getKey()));
      }
      String label = label(block, FamilyLabel.common(ts, cs));
      for (int j = 0; j < ts.size(); j++) {
        out.add(new Assignment(ts.get(j), cs.get(j), id, label));
      }
    }
    return out;
  }

  /** A stable id: "F" and 16 hex digits of a hash of the block and the first template. */
  public static String newFamilyId(String block, String firstTemplate) {
    return String.format(
        "F%016x", TemplateClusterer.stableHash(block + SEP + SEP + nz(firstTemplate)));
  }

  /**
   * The tokens compared for similarity: a title template's meaningful words; for an incident
   * without a title, its codes ({@code subcategory=174 symptom=491}) as one token, so that only
   * incidents with the same codes share a family, and its symptom text's words.
   */
  static Set<String> tokensOf(String template) {
    if (!template.startsWith(NO_TITLE)) {
      return TitleNormaliser.signatureTokens(template);
    }
    List<String> codes = new ArrayList<>();
    StringBuilder rest = new StringBuilder();
    for (String tok : template.substring(NO_TITLE.length()).trim().split(" ")) {
      if (tok.contains("=")) {
        codes.add(tok);
      } else {
        rest.append(tok).append(' ');
      }
    }
    Set<String> out = new java.util.LinkedHashSet<>();
    if (!codes.isEmpty()) {
      // codes are identities, not words: one token, so only the same codes share a family
      java.util.Collections.sort(codes);
      out.add(String.join(" ", codes));
    }
    out.addAll(TitleNormaliser.signatureTokens(rest.toString().trim()));
    return out;
  }

  private static String label(String block, String common) {
    String[] parts = block.split(SEP, -1);
    if (parts.length < 3) {
      return common;
    }
    if (common.contains("=")) {
      return CodeLabel.of(parts[0], parts[1], parts[2], common.substring(NO_TITLE.length()).trim());
    }
    String symptoms = common.startsWith(NO_TITLE) ? common.substring(NO_TITLE.length()).trim() : "";
    String what = parts[1].isEmpty() ? "incident" : parts[1];
    String where = parts[2].isEmpty() ? parts[0] : parts[0] + "/" + parts[2];
    return NO_TITLE + " " + what + " on " + where + (symptoms.isEmpty() ? "" : ": " + symptoms);
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
