package io.nightshift.jobs.generate;

/**
 * The 25 log templates hosts write, with their level. Variables are written {@code <*>} (the
 * Drain/Loghub convention) and filled with realistic values by {@link #render}.
 */
public enum LogTemplate {
  T01("INFO", "GET /api/<*> 200 in <*> ms"),
  T02("INFO", "POST /api/<*> 201 in <*> ms"),
  T03("WARN", "GET /api/<*> 500 in <*> ms"),
  T04("INFO", "Connection to <*> established in <*> ms"),
  T05("WARN", "GC pause <*> ms"),
  T06("INFO", "User <*> logged in from <*>"),
  T07("ERROR", "Timeout after <*> ms waiting for <*>"),
  T08("WARN", "Disk usage at <*>% on /var"),
  T09("DEBUG", "Cache hit ratio <*> for region <*>"),
  T10("DEBUG", "Request <*> headers parsed in <*> us"),
  T11("INFO", "Health check passed in <*> ms"),
  T12("INFO", "Scheduled job <*> finished in <*> s"),
  T13("WARN", "Slow query on table <*> took <*> ms"),
  T14("ERROR", "Connection pool exhausted: <*> active, <*> waiting"),
  T15("WARN", "Heap usage <*>% after full GC"),
  T16("INFO", "Checkpoint complete: wrote <*> buffers (<*>%)"),
  T17("ERROR", "Failed to process order <*>: <*>"),
  T18("INFO", "Cache eviction removed <*> keys in <*> ms"),
  T19("WARN", "Retrying request to <*> (attempt <*> of 3)"),
  T20("INFO", "Config reloaded from <*>"),
  T21("DEBUG", "Session <*> refreshed"),
  T22("ERROR", "Token validation failed for user <*>: <*>"),
  T23("INFO", "Search query <*> returned <*> results in <*> ms"),
  T24("WARN", "Replication lag <*> s on replica <*>"),
  T25("ERROR", "Upstream <*> returned 503 after <*> ms");

  private static final String[] RESOURCES = {
    "orders", "cart", "items", "users", "products", "sessions", "payments", "search", "inventory"
  };
  private static final String[] TABLES = {"orders", "payments", "stock", "items", "ledger"};
  private static final String[] ORDER_ERRORS = {
    "PaymentDeclined", "StockUnavailable", "AddressInvalid", "DuplicateRequest"
  };
  private static final String[] TOKEN_ERRORS = {
    "InvalidSignature", "TokenExpired", "UnknownKeyId", "UntrustedIssuer"
  };
  private static final String[] WORDS = {
    "shoes", "dress", "cable", "coffee", "backpack", "lamp", "desk", "headphones"
  };
  private static final String[] JOBS = {"cleanup", "reindex", "export", "vacuum", "rollup"};
  private static final String[] PEERS = {"payments-db", "inventory-db", "cache", "auth", "cart"};

  private final String level;
  private final String template;

  LogTemplate(String level, String template) {
    this.level = level;
    this.template = template;
  }

  /** Log level: ERROR, WARN, INFO or DEBUG. */
  public String level() {
    return level;
  }

  /** The template text with {@code <*>} for each variable. */
  public String template() {
    return template;
  }

  /**
   * One message of this template.
   *
   * @param r the random stream
   * @param ip a peer address for connection messages
   * @param arg a fixed variable (peer name, disk percent), or empty for a random one
   */
  public String render(Rng r, String ip, String arg) {
    return switch (this) {
      case T01 -> "GET /api/" + path(r) + " 200 in " + r.between(3, 180) + " ms";
      case T02 -> "POST /api/" + path(r) + " 201 in " + r.between(8, 300) + " ms";
      case T03 -> "GET /api/" + path(r) + " 500 in " + r.between(20, 3000) + " ms";
      case T04 -> "Connection to " + ip + " established in " + r.between(1, 25) + " ms";
      case T05 -> "GC pause " + r.between(40, 900) + " ms";
      case T06 -> "User " + r.between(1000, 99999) + " logged in from " + clientIp(r);
      case T07 ->
          "Timeout after "
              + r.pick(new String[] {"1000", "3000", "5000"})
              + " ms waiting for "
              + (arg.isEmpty() ? r.pick(PEERS) : arg);
      case T08 -> "Disk usage at " + (arg.isEmpty() ? r.between(85, 99) : arg) + "% on /var";
      case T09 -> "Cache hit ratio 0." + r.between(50, 99) + " for region " + r.pick(RESOURCES);
      case T10 -> "Request " + hex(r) + " headers parsed in " + r.between(20, 900) + " us";
      case T11 -> "Health check passed in " + r.between(1, 40) + " ms";
      case T12 -> "Scheduled job " + r.pick(JOBS) + " finished in " + r.between(1, 600) + " s";
      case T13 -> "Slow query on table " + r.pick(TABLES) + " took " + r.between(500, 9000) + " ms";
      case T14 ->
          "Connection pool exhausted: "
              + r.between(180, 200)
              + " active, "
              + r.between(5, 120)
              + " waiting";
      case T15 -> "Heap usage " + r.between(88, 99) + "% after full GC";
      case T16 ->
          "Checkpoint complete: wrote "
              + r.between(100, 20000)
              + " buffers ("
              + r.between(1, 30)
              + "%)";
      case T17 ->
          "Failed to process order " + r.between(100000, 999999) + ": " + r.pick(ORDER_ERRORS);
      case T18 ->
          "Cache eviction removed " + r.between(10, 50000) + " keys in " + r.between(1, 90) + " ms";
      case T19 ->
          "Retrying request to " + r.pick(PEERS) + " (attempt " + r.between(1, 3) + " of 3)";
      case T20 -> "Config reloaded from /etc/app/" + r.pick(RESOURCES) + ".yaml";
      case T21 -> "Session " + hex(r) + " refreshed";
      case T22 ->
          "Token validation failed for user "
              + r.between(1000, 99999)
              + ": "
              + r.pick(TOKEN_ERRORS);
      case T23 ->
          "Search query "
              + r.pick(WORDS)
              + " returned "
              + r.between(0, 500)
              + " results in "
              + r.between(5, 400)
              + " ms";
      case T24 -> "Replication lag " + r.between(1, 30) + " s on replica " + r.between(1, 3);
      case T25 ->
          "Upstream "
              + (arg.isEmpty() ? r.pick(PEERS) : arg)
              + " returned 503 after "
              + r.between(5, 3000)
              + " ms";
    };
  }

  private static String path(Rng r) {
    String res = r.pick(RESOURCES);
    return r.chance(0.6) ? "v1/" + res + "/" + r.between(1, 99999) : "v1/" + res;
  }

  private static String clientIp(Rng r) {
    return "10." + r.between(1, 9) + "." + r.between(0, 255) + "." + r.between(1, 254);
  }

  private static String hex(Rng r) {
    return Long.toHexString(0x100000000L + (long) (r.next() * 0xFFFFFFFFL)).substring(1);
  }
}
