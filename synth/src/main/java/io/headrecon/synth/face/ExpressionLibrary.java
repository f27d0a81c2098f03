package io.headrecon.synth.face;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * A named library of facial expressions built from the ICT model's ARKit-style blendshapes, and
 * random draws from it: one named expression at a random intensity, or a random mix of a few.
 */
public final class ExpressionLibrary {
  /** Intensity range of a single named expression drawn by {@link #sample}. */
  public static final double MIN_INTENSITY = 0.5;

  public static final double MAX_INTENSITY = 1.0;

  /** Name prefix of the random mixes drawn by {@link #sample}. */
  public static final String MIX_PREFIX = "mix_";

  private final Map<String, Expression> byName;

  private ExpressionLibrary(List<Expression> expressions) {
    Map<String, Expression> m = new LinkedHashMap<>();
    for (Expression e : expressions) {
      if (m.put(e.name(), e) != null) {
        throw new IllegalArgumentException("duplicate expression " + e.name());
      }
    }
    this.byName = m;
  }

  /** The standard library: neutral and 30 named expressions. */
  public static ExpressionLibrary standard() {
    List<Expression> e = new ArrayList<>();
    e.add(Expression.of("neutral"));
    e.add(both("smile", "mouthSmile", 0.7, "cheekSquint", 0.3));
    e.add(
        both(
            "broad_smile",
            "mouthSmile",
            1.0,
            "cheekSquint",
            0.6,
            "cheekRaiser",
            0.5,
            "mouthUpperUp",
            0.3,
            "eyeSquint",
            0.3,
            "mouthStretch",
            0.2));
    e.add(
        both(
                "laugh",
                "mouthSmile",
                1.0,
                "cheekSquint",
                0.7,
                "cheekRaiser",
                0.6,
                "eyeSquint",
                0.5,
                "mouthUpperUp",
                0.4)
            .with("jawOpen", 0.45));
    e.add(
        both("surprise", "browInnerUp", 1.0, "browOuterUp", 1.0, "eyeWide", 1.0)
            .with("jawOpen", 0.5)
            .with("mouthFunnel", 0.2));
    e.add(
        both(
            "anger",
            "browDown",
            1.0,
            "eyeSquint",
            0.5,
            "noseSneer",
            0.4,
            "mouthPress",
            0.6,
            "mouthFrown",
            0.3));
    e.add(
        both(
            "disgust",
            "noseSneer",
            1.0,
            "mouthUpperUp",
            0.7,
            "browDown",
            0.4,
            "cheekSquint",
            0.4,
            "mouthFrown",
            0.3));
    e.add(
        both(
            "sadness",
            "browInnerUp",
            0.9,
            "mouthFrown",
            0.8,
            "eyeBlink",
            0.2,
            "mouthShrugLower",
            0.2,
            "mouthPress",
            0.2));
    e.add(
        both("fear", "browInnerUp", 1.0, "browOuterUp", 0.4, "eyeWide", 0.8, "mouthStretch", 0.8)
            .with("jawOpen", 0.2));
    e.add(Expression.of("pucker", "mouthPucker", 1.0));
    e.add(Expression.of("funnel", "mouthFunnel", 1.0, "jawOpen", 0.15));
    e.add(Expression.of("jaw_open", "jawOpen", 1.0));
    e.add(Expression.of("jaw_left", "jawLeft", 1.0, "jawOpen", 0.1));
    e.add(Expression.of("jaw_right", "jawRight", 1.0, "jawOpen", 0.1));
    e.add(Expression.of("jaw_forward", "jawForward", 1.0, "jawOpen", 0.1));
    e.add(both("blink", "eyeBlink", 1.0));
    e.add(Expression.of("wink_left", "eyeBlink_L", 1.0, "cheekSquint_L", 0.4, "mouthSmile_L", 0.3));
    e.add(
        Expression.of("wink_right", "eyeBlink_R", 1.0, "cheekSquint_R", 0.4, "mouthSmile_R", 0.3));
    e.add(both("brow_raise", "browInnerUp", 1.0, "browOuterUp", 1.0));
    e.add(both("frown", "browDown", 1.0, "mouthFrown", 0.5, "browInnerUp", 0.2));
    e.add(both("cheek_puff", "cheekPuff", 1.0).with("mouthClose", 0.2));
    e.add(Expression.of("mouth_left", "mouthLeft", 1.0));
    e.add(Expression.of("mouth_right", "mouthRight", 1.0));
    e.add(
        Expression.of(
            "sneer",
            "noseSneer_L",
            1.0,
            "mouthUpperUp_L",
            0.7,
            "browDown_L",
            0.3,
            "noseSneer_R",
            0.3));
    e.add(both("squint", "eyeSquint", 1.0, "cheekSquint", 0.4, "browDown", 0.2));
    e.add(both("lips_pressed", "mouthPress", 1.0).with("mouthRollLower", 0.4));
    e.add(both("mouth_stretch", "mouthStretch", 1.0, "mouthLowerDown", 0.3).with("jawOpen", 0.1));
    e.add(
        Expression.of(
            "look_left", "eyeLookOut_L", 1.0, "eyeLookIn_R", 1.0)); // gaze to the subject's left
    e.add(both("look_up", "eyeLookUp", 1.0, "browOuterUp", 0.3));
    e.add(both("talk_open", "mouthLowerDown", 0.6, "mouthUpperUp", 0.3).with("jawOpen", 0.3));
    e.add(
        Expression.of(
            "smirk",
            "mouthSmile_L",
            0.9,
            "cheekSquint_L",
            0.4,
            "mouthDimple_L",
            0.5,
            "mouthLeft",
            0.2));
    return new ExpressionLibrary(e);
  }

  /** The model's blendshapes that have no "_L"/"_R" pair. */
  private static final Set<String> UNSIDED =
      Set.of(
          "jawForward",
          "jawLeft",
          "jawOpen",
          "jawRight",
          "mouthClose",
          "mouthFunnel",
          "mouthLeft",
          "mouthPucker",
          "mouthRight",
          "mouthRollLower",
          "mouthRollUpper",
          "mouthShrugLower",
          "mouthShrugUpper");

  /**
   * An expression from alternating base names and weights; a base with a left/right pair is applied
   * on both sides ("_L" and "_R").
   */
  private static Expression both(String name, Object... baseNamesAndWeights) {
    TreeMap<String, Double> w = new TreeMap<>();
    for (int i = 0; i < baseNamesAndWeights.length; i += 2) {
      String base = (String) baseNamesAndWeights[i];
      double weight = ((Number) baseNamesAndWeights[i + 1]).doubleValue();
      if (UNSIDED.contains(base)) {
        w.put(base, weight);
      } else {
        w.put(base + "_L", weight);
        w.put(base + "_R", weight);
      }
    }
    return new Expression(name, w);
  }

  /** Every expression, in library order (neutral first). */
  public List<Expression> expressions() {
    return List.copyOf(byName.values());
  }

  /** Expression names, in library order. */
  public List<String> names() {
    return List.copyOf(byName.keySet());
  }

  /** The expression called {@code name}. */
  public Expression get(String name) {
    Expression e = byName.get(name);
    if (e == null) {
      throw new IllegalArgumentException("unknown expression '" + name + "'; known: " + names());
    }
    return e;
  }

  /**
   * Checks that every blendshape the library uses exists in {@code model}.
   *
   * @throws IllegalArgumentException naming the expression and blendshape
   */
  public void checkAgainst(IctFaceModel model) {
    for (Expression e : byName.values()) {
      for (String shape : e.weights().keySet()) {
        if (!model.expressionNames().contains(shape)) {
          throw new IllegalArgumentException(
              "expression '" + e.name() + "' uses blendshape '" + shape + "' not in the model");
        }
      }
    }
  }

  /**
   * Draws an expression: with probability {@code mixProbability} a mix of two or three random named
   * expressions (each at intensity U(0.3, 0.8), weights summed and clamped to [0, 1], named {@code
   * mix_a+b}), otherwise one of {@code allowed} (all when empty) at intensity U({@value
   * #MIN_INTENSITY}, {@value #MAX_INTENSITY}).
   */
  public Expression sample(Random random, List<String> allowed, double mixProbability) {
    List<String> pool = allowed.isEmpty() ? names() : allowed;
    for (String name : pool) {
      get(name); // fail early on an unknown name
    }
    if (random.nextDouble() < mixProbability) {
      List<String> candidates = new ArrayList<>(pool);
      candidates.remove("neutral");
      if (candidates.size() >= 2) {
        int count = Math.min(candidates.size(), 2 + random.nextInt(2));
        TreeMap<String, Double> sum = new TreeMap<>();
        StringBuilder mixName = new StringBuilder(MIX_PREFIX);
        for (int k = 0; k < count; k++) {
          Expression part = get(candidates.remove(random.nextInt(candidates.size())));
          double intensity = 0.3 + 0.5 * random.nextDouble();
          mixName.append(k == 0 ? "" : "+").append(part.name());
          for (Map.Entry<String, Double> w : part.weights().entrySet()) {
            sum.merge(w.getKey(), w.getValue() * intensity, Double::sum);
          }
        }
        sum.replaceAll((k, v) -> Expression.clamp01(v));
        return new Expression(mixName.toString(), sum);
      }
    }
    Expression chosen = get(pool.get(random.nextInt(pool.size())));
    double intensity = MIN_INTENSITY + (MAX_INTENSITY - MIN_INTENSITY) * random.nextDouble();
    return chosen.scaled(intensity);
  }
}
