package io.nightshift.models.logs;

import java.util.Set;

/** Cheap, allocation-free tests of what a token part looks like (number, IP, UUID, hex, unit). */
final class TokenShapes {
  private TokenShapes() {}

  private static final Set<String> SIZE_UNITS =
      Set.of("B", "bytes", "byte", "KB", "MB", "GB", "TB", "PB", "KiB", "MiB", "GiB", "TiB", "kB");
  private static final Set<String> TIME_UNITS =
      Set.of(
          "ns", "us", "µs", "ms", "sec", "secs", "second", "seconds", "min", "mins", "minute",
          "minutes", "hr", "hrs", "hour", "hours");

  private static final Set<String> CALENDAR_WORDS =
      Set.of(
          "Mon",
          "Tue",
          "Wed",
          "Thu",
          "Fri",
          "Sat",
          "Sun",
          "Monday",
          "Tuesday",
          "Wednesday",
          "Thursday",
          "Friday",
          "Saturday",
          "Sunday",
          "Jan",
          "Feb",
          "Mar",
          "Apr",
          "May",
          "Jun",
          "Jul",
          "Aug",
          "Sep",
          "Oct",
          "Nov",
          "Dec",
          "January",
          "February",
          "March",
          "April",
          "June",
          "July",
          "August",
          "September",
          "October",
          "November",
          "December");

  /** A month or weekday name, capitalised, optionally followed by a comma ({@code Sun,}). */
  static boolean isCalendarWord(String token) {
    int n = token.length();
    if (n < 3 || n > 10 || token.charAt(0) < 'A' || token.charAt(0) > 'Z') {
      return false; // every name is 3-9 letters (plus a comma) and capitalised: skip the hash
    }
    String t = token.endsWith(",") ? token.substring(0, token.length() - 1) : token;
    return CALENDAR_WORDS.contains(t);
  }

  static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  static boolean isHexDigit(char c) {
    return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  /** [-+]?digits(.digits)? */
  static boolean isNumber(CharSequence s, int from, int to) {
    int i = from;
    if (i < to && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
      i++;
    }
    int d = 0;
    while (i < to && isDigit(s.charAt(i))) {
      i++;
      d++;
    }
    if (d == 0) {
      return false;
    }
    if (i < to && s.charAt(i) == '.') {
      i++;
      int f = 0;
      while (i < to && isDigit(s.charAt(i))) {
        i++;
        f++;
      }
      if (f == 0) {
        return false;
      }
    }
    return i == to;
  }

  /** A number directly followed by a size or time unit (12ms, 10KB, 1.5GB). */
  static boolean isNumberWithUnit(CharSequence s, int from, int to, boolean size, boolean time) {
    int i = from;
    while (i < to && (isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
      i++;
    }
    if (i == from || i == to || !isDigit(s.charAt(from))) {
      return false;
    }
    String unit = s.subSequence(i, to).toString();
    return (size && SIZE_UNITS.contains(unit)) || (time && TIME_UNITS.contains(unit));
  }

  /** Whether a whole word is a size or time unit. */
  static boolean isUnit(String word, boolean size, boolean time) {
    return (size && SIZE_UNITS.contains(word)) || (time && TIME_UNITS.contains(word));
  }

  /** d.d.d.d with 1-3 digits each. */
  static boolean isIpv4(CharSequence s, int from, int to) {
    int groups = 0;
    int i = from;
    while (i < to) {
      int d = 0;
      while (i < to && isDigit(s.charAt(i))) {
        i++;
        d++;
      }
      if (d == 0 || d > 3) {
        return false;
      }
      groups++;
      if (i < to) {
        if (s.charAt(i) != '.') {
          return false;
        }
        i++;
      }
    }
    return groups == 4;
  }

  /** 8-4-4-4-12 hex digits, possibly after a prefix such as {@code req-}. */
  static boolean containsUuid(CharSequence s, int from, int to) {
    int[] lens = {8, 4, 4, 4, 12};
    for (int start = from; start + 36 <= to; start++) {
      int i = start;
      boolean ok = true;
      for (int g = 0; g < 5 && ok; g++) {
        for (int k = 0; k < lens[g]; k++, i++) {
          if (!isHexDigit(s.charAt(i))) {
            ok = false;
            break;
          }
        }
        if (ok && g < 4) {
          ok = s.charAt(i) == '-';
          i++;
        }
      }
      if (ok) {
        return true;
      }
    }
    return false;
  }

  /** 0x-prefixed hex, or 8+ hex digits holding at least one digit and one letter. */
  static boolean isHex(CharSequence s, int from, int to) {
    if (to - from > 2 && s.charAt(from) == '0' && (s.charAt(from + 1) | 0x20) == 'x') {
      for (int i = from + 2; i < to; i++) {
        if (!isHexDigit(s.charAt(i))) {
          return false;
        }
      }
      return true;
    }
    if (to - from < 8) {
      return false;
    }
    boolean digit = false;
    boolean letter = false;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (!isHexDigit(c)) {
        return false;
      }
      digit |= isDigit(c);
      letter |= !isDigit(c);
    }
    return digit && letter;
  }

  /** yyyy-mm-dd, optionally followed by T and a time. */
  static boolean isDate(CharSequence s, int from, int to) {
    if (to - from < 10) {
      return false;
    }
    for (int i = 0; i < 10; i++) {
      char c = s.charAt(from + i);
      boolean dash = i == 4 || i == 7;
      if (dash ? c != '-' : !isDigit(c)) {
        return false;
      }
    }
    return to - from == 10 || s.charAt(from + 10) == 'T';
  }

  /** aa:bb:cc:dd:ee:ff */
  static boolean isMac(CharSequence s, int from, int to) {
    if (to - from != 17) {
      return false;
    }
    for (int i = 0; i < 17; i++) {
      char c = s.charAt(from + i);
      if (i % 3 == 2 ? c != ':' : !isHexDigit(c)) {
        return false;
      }
    }
    return true;
  }

  /** A path character after the leading slash. */
  static boolean isPathChar(char c) {
    return Character.isLetterOrDigit(c)
        || c == '_'
        || c == '.'
        || c == '-'
        || c == '@'
        || c == '~'
        || c == '+'
        || c == '%'
        || c == '/';
  }

  /** A word character as in regex \w. */
  static boolean isWordChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_';
  }
}
