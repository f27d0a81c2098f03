package io.headrecon.synth.face;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A named facial expression: blendshape name → weight (unitless, in [0, 1]), sorted by name so that
 * everything derived from it is deterministic. "_L"/"_R" blendshapes act on the subject's own
 * left/right.
 */
public record Expression(String name, SortedMap<String, Double> weights) {
  public Expression {
    weights = Collections.unmodifiableSortedMap(new TreeMap<>(weights));
  }

  /** An expression from alternating blendshape names and weights. */
  public static Expression of(String name, Object... namesAndWeights) {
    if (namesAndWeights.length % 2 != 0) {
      throw new IllegalArgumentException("names and weights must alternate: " + name);
    }
    TreeMap<String, Double> w = new TreeMap<>();
    for (int i = 0; i < namesAndWeights.length; i += 2) {
      w.put((String) namesAndWeights[i], ((Number) namesAndWeights[i + 1]).doubleValue());
    }
    return new Expression(name, w);
  }

  /** This expression with every weight multiplied by {@code intensity} and clamped to [0, 1]. */
  public Expression scaled(double intensity) {
    TreeMap<String, Double> w = new TreeMap<>();
    for (Map.Entry<String, Double> e : weights.entrySet()) {
      w.put(e.getKey(), clamp01(e.getValue() * intensity));
    }
    return new Expression(name, w);
  }

  /** This expression with one more blendshape weight (replacing any previous weight). */
  public Expression with(String blendshape, double weight) {
    TreeMap<String, Double> w = new TreeMap<>(weights);
    w.put(blendshape, weight);
    return new Expression(name, w);
  }

  static double clamp01(double x) {
    return Math.max(0, Math.min(1, x));
  }
}
