package io.nightshift.jobs.report;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheFactory;
import java.io.StringWriter;

/**
 * The report pages' Mustache templates ({@code src/main/resources/report/*.mustache}). Every {@code
 * {{value}}} is HTML-escaped by the engine; the only unescaped insertions ({@code {{{svg}}}}) are
 * charts drawn by this package, whose text is XML-escaped when drawn.
 */
final class Templates {
  private final MustacheFactory factory = new DefaultMustacheFactory("report");

  /** Renders {@code name}.mustache with {@code scope} (maps, lists and records). */
  String render(String name, Object scope) {
    Mustache m = factory.compile(name + ".mustache");
    StringWriter w = new StringWriter(16_384);
    m.execute(w, scope);
    return w.toString();
  }
}
