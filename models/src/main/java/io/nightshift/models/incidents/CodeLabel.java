package io.nightshift.models.incidents;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The label of a family grouped on structured codes rather than a title: what the data says about
 * the problem, e.g. "Category 20 / Subcategory 125 · symptom 491 on CI 1090 (Group 70)". The parts
 * are the category, the codes the family's incidents share ({@code <*>}: they differ), the
 * configuration item and the service.
 */
final class CodeLabel {
  private CodeLabel() {}

  /**
   * @param service the block's service
   * @param category the block's category ("" when unknown)
   * @param entity the block's configuration item ("" when unknown)
   * @param codes the family's common code tokens, e.g. "subcategory=125 symptom=symptom_491"
   */
  static String of(String service, String category, String entity, String codes) {
    Map<String, String> byKey = new LinkedHashMap<>();
    for (String tok : codes.split(" ")) {
      int eq = tok.indexOf('=');
      if (eq > 0) {
        byKey.put(tok.substring(0, eq), tok.substring(eq + 1).replace('_', ' '));
      }
    }
    List<String> head = new ArrayList<>();
    if (!category.isEmpty()) {
      head.add(category);
    }
    String sub = byKey.remove("subcategory");
    if (sub != null) {
      head.add(sub);
    }
    StringBuilder b = new StringBuilder(head.isEmpty() ? "incident" : String.join(" / ", head));
    for (Map.Entry<String, String> e : byKey.entrySet()) {
      String key = e.getKey().replace('_', ' ');
      String v = e.getValue();
      b.append(" · ").append(v.startsWith(key) ? v : key + " " + v);
    }
    b.append(" on ").append(entity.isEmpty() ? service : entity + " (" + service + ")");
    return b.toString();
  }
}
