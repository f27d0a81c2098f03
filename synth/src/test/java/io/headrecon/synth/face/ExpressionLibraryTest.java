package io.headrecon.synth.face;

import static org.assertj.core.api.Assertions.assertThat;

import io.headrecon.synth.render.Seeds;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ExpressionLibraryTest {
  private final ExpressionLibrary library = ExpressionLibrary.standard();

  @Test
  void atLeastTwentyNamedExpressionsGiveDistinctShapes() {
    IctFaceModel model = TestFaceModel.get();
    library.checkAgainst(model);
    List<Expression> expressions = library.expressions();
    assertThat(expressions).hasSizeGreaterThanOrEqualTo(20);
    assertThat(library.names())
        .contains("neutral", "smile", "surprise", "jaw_open", "wink_left", "cheek_puff", "sneer");
    List<float[]> shapes = new ArrayList<>();
    for (Expression e : expressions) {
      shapes.add(model.deformMm(new double[0], e.weights()));
    }
    for (int a = 0; a < shapes.size(); a++) {
      for (int b = a + 1; b < shapes.size(); b++) {
        assertThat(maxVertexDistanceMm(shapes.get(a), shapes.get(b)))
            .as("%s vs %s", expressions.get(a).name(), expressions.get(b).name())
            .isGreaterThan(1.0);
      }
    }
  }

  @Test
  void samplingIsSeededAndVaried() {
    Set<String> names = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      Expression a = library.sample(Seeds.random(1, i), List.of(), 0.2);
      Expression b = library.sample(Seeds.random(1, i), List.of(), 0.2);
      assertThat(a).isEqualTo(b);
      a.weights().values().forEach(w -> assertThat(w).isBetween(0.0, 1.0));
      names.add(a.name());
    }
    assertThat(names).hasSizeGreaterThan(25);
    assertThat(names).anyMatch(n -> n.startsWith(ExpressionLibrary.MIX_PREFIX));
    Expression onlySmile = library.sample(new Random(3), List.of("smile"), 0);
    assertThat(onlySmile.name()).isEqualTo("smile");
    assertThat(onlySmile.weights().get("mouthSmile_L"))
        .isBetween(0.7 * ExpressionLibrary.MIN_INTENSITY, 0.7 * ExpressionLibrary.MAX_INTENSITY);
  }

  private static double maxVertexDistanceMm(float[] a, float[] b) {
    double max = 0;
    for (int i = 0; i < a.length; i += 3) {
      double dx = a[i] - b[i];
      double dy = a[i + 1] - b[i + 1];
      double dz = a[i + 2] - b[i + 2];
      max = Math.max(max, Math.sqrt(dx * dx + dy * dy + dz * dz));
    }
    return max;
  }
}
