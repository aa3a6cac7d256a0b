package io.nightshift.jobs.report;

import java.util.Locale;

/**
 * A tiny SVG document builder for the report charts: elements with attributes, every attribute
 * value and text node XML-escaped, numbers written locale-independently. Charts are plain inline
 * SVG so a page needs no script, font or network to show them.
 */
final class Svg {
  private final StringBuilder b = new StringBuilder(4096);

  /**
   * Starts a document.
   *
   * @param width width in CSS pixels
   * @param height height in CSS pixels
   * @param cssClass class of the root element (e.g. {@code chart capacity-chart})
   * @param label accessible name, also shown as a tooltip
   */
  Svg(int width, int height, String cssClass, String label) {
    b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"")
        .append(escape(cssClass))
        .append("\" width=\"")
        .append(width)
        .append("\" height=\"")
        .append(height)
        .append("\" viewBox=\"0 0 ")
        .append(width)
        .append(' ')
        .append(height)
        .append("\" role=\"img\" aria-label=\"")
        .append(escape(label))
        .append("\"><title>")
        .append(escape(label))
        .append("</title>");
  }

  /** Adds an empty element; {@code attrs} are name/value pairs. */
  Svg element(String name, String... attrs) {
    b.append('<').append(name);
    attributes(attrs);
    b.append("/>");
    return this;
  }

  /** Adds a text element at (x, y). */
  Svg text(double x, double y, String text, String... attrs) {
    b.append("<text x=\"").append(num(x)).append("\" y=\"").append(num(y)).append('"');
    attributes(attrs);
    b.append('>').append(escape(text)).append("</text>");
    return this;
  }

  /** Finishes the document and returns it. */
  String end() {
    return b.append("</svg>").toString();
  }

  private void attributes(String... attrs) {
    if (attrs.length % 2 != 0) {
      throw new IllegalArgumentException("attributes come in name/value pairs");
    }
    for (int i = 0; i < attrs.length; i += 2) {
      b.append(' ').append(attrs[i]).append("=\"").append(escape(attrs[i + 1])).append('"');
    }
  }

  /** XML-escapes text for an element body or a double-quoted attribute. */
  static String escape(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder o = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> o.append("&lt;");
        case '>' -> o.append("&gt;");
        case '&' -> o.append("&amp;");
        case '"' -> o.append("&quot;");
        case '\'' -> o.append("&#39;");
        default -> {
          if (c >= 0x20 || c == '\n' || c == '\t') {
            o.append(c);
          }
        }
      }
    }
    return o.toString();
  }

  /** A coordinate with one decimal, '.' as separator whatever the locale. */
  static String num(double v) {
    if (!Double.isFinite(v)) {
      return "0";
    }
    String s = String.format(Locale.ROOT, "%.1f", v);
    return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
  }
}
