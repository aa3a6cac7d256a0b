package io.nightshift.models.logs;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * What the executors need to assign lines to templates: the preprocessor and the matcher over the
 * model's templates. Broadcast once per transform; built lazily on each executor.
 */
public final class TemplateAssigner implements Serializable {
  private static final long serialVersionUID = 1L;

  private final LogPreprocessor preprocessor;
  private final String[] ids;
  private final String[] templates;
  private transient TemplateMatcher matcher;

  /** An assignment of one line. */
  public record Assignment(String id, String template, boolean known) {}

  public TemplateAssigner(LogPreprocessor preprocessor, String[] ids, String[] templates) {
    this.preprocessor = preprocessor;
    this.ids = ids.clone();
    this.templates = templates.clone();
  }

  /** Assigns one message; an unmatched one gets a provisional template of its own tokens. */
  public Assignment assign(String message) {
    return assignTokens(preprocessor.tokens(message));
  }

  /** Assigns a line by its shape ({@link LineShapes}): the same answer as {@link #assign}. */
  public Assignment assignShape(String shape) {
    return assignTokens(LineShapes.tokens(shape));
  }

  /**
   * Assigns a line already masked and tokenised ({@link LogPreprocessor#tokens}): the same answer
   * as {@link #assign} of the line.
   */
  public Assignment assignTokens(String[] tokens) {
    int m = matcher().match(tokens);
    if (m >= 0) {
      return new Assignment(ids[m], templates[m], true);
    }
    String own = String.join(" ", tokens);
    return new Assignment(TemplateIds.of(own), own, false);
  }

  private TemplateMatcher matcher() {
    TemplateMatcher m = matcher;
    if (m == null) {
      List<String[]> toks = new ArrayList<>(templates.length);
      for (String t : templates) {
        toks.add(t.isEmpty() ? new String[0] : t.split(" "));
      }
      m = new TemplateMatcher(toks);
      matcher = m;
    }
    return m;
  }
}
