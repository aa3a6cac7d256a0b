package io.nightshift.jobs.eval.nab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * One NAB application profile: the weights of a true positive, a missed window and a false positive
 * (NAB's {@code config/profiles.json}; {@code tnWeight} is unused by NAB's scorer).
 */
public record NabProfile(String name, double tpWeight, double fnWeight, double fpWeight) {

  /** Reads every profile of a {@code profiles.json}, in file order. */
  public static List<NabProfile> read(Path profilesJson) {
    try {
      JsonNode root = new ObjectMapper().readTree(profilesJson.toFile());
      List<NabProfile> out = new ArrayList<>();
      Iterator<Map.Entry<String, JsonNode>> it = root.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        JsonNode m = e.getValue().get("CostMatrix");
        out.add(
            new NabProfile(
                e.getKey(),
                m.get("tpWeight").asDouble(),
                m.get("fnWeight").asDouble(),
                m.get("fpWeight").asDouble()));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read NAB profiles " + profilesJson, e);
    }
  }
}
