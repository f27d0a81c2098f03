package io.headrecon.synth.mvs;

import static org.assertj.core.api.Assertions.assertThat;

import io.headrecon.geometry.mvs.MvsOptions;
import io.headrecon.synth.dataset.DatasetSpec;
import io.headrecon.synth.dataset.SubjectGenerator;
import io.headrecon.synth.face.TestFaceModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Photo-consistency refinement on rendered ICT heads (180 × 180 px, the dataset's rig): a fast
 * check on five views, and the full measurement (19 views, two prior errors; run with {@code
 * -Dheadrecon.measureMvs=true}), which prints its figures and writes before/after panels to {@code
 * target/mvs/}. The measurement takes overrides as system properties: {@code mvs.subjects} (e.g.
 * "1,2"), {@code mvs.priors} (prior RMSEs, mm, e.g. "15,5"), {@code mvs.stride} (every n-th view),
 * and the options {@code mvs.window}, {@code mvs.best}, {@code mvs.sharp}, {@code mvs.minConf},
 * {@code mvs.median}, {@code mvs.fill}.
 */
class RenderedHeadRefinementTest {
  private static SubjectGenerator.Subject subject(int index, int... yawsDeg) {
    DatasetSpec.Builder spec =
        DatasetSpec.builder()
            .output("unused")
            .faceModel(TestFaceModel.directory().toString())
            .look(DatasetSpec.Look.LEGACY) // measured on the bare busts
            .seed(2024);
    if (yawsDeg.length > 0) {
      spec.yawsDeg(yawsDeg);
    }
    return new SubjectGenerator(TestFaceModel.get(), spec.build()).generate(index);
  }

  @Test
  void aFrontViewsSmoothlyWrongPriorIsPulledOntoTheRenderedFace() {
    SubjectGenerator.Subject subject = subject(1, -20, -10, 0, 10, 20);
    RenderedHeadRefinement.ViewFigures f =
        RenderedHeadRefinement.run(subject, new int[] {2}, 15, 1, MvsOptions.defaults()).get(0);
    System.out.println(f);
    assertThat(f.rmseBeforeMm()).isBetween(14.0, 16.0);
    assertThat(f.faceRmseAfterMm()).isLessThan(2.0);
    assertThat(f.rmseAfterMm()).isLessThan(3.5);
  }

  @Test
  @EnabledIfSystemProperty(named = "headrecon.measureMvs", matches = "true")
  void measureOnNineteenViews() throws IOException {
    Path dir = Paths.get("target", "mvs");
    Files.createDirectories(dir);
    int stride = Integer.getInteger("mvs.stride", 1);
    int[] all = new int[(18 / stride) + 1];
    for (int i = 0; i < all.length; i++) {
      all[i] = i * stride;
    }
    MvsOptions o = MvsOptions.defaults();
    o =
        new MvsOptions(
            o.searchHalfRangeMm(),
            o.coarseHypotheses(),
            o.fineHalfRangeMm(),
            o.fineHypotheses(),
            Integer.getInteger("mvs.window", o.windowRadiusPx()),
            o.minValidFraction(),
            o.minGreyStdDev(),
            Integer.getInteger("mvs.best", o.bestNeighbours()),
            o.nccLow(),
            o.nccHigh(),
            o.distinctMargin(),
            Double.parseDouble(System.getProperty("mvs.sharp", "" + o.sharpnessMm())),
            Double.parseDouble(System.getProperty("mvs.minConf", "" + o.minConfidence())),
            Integer.getInteger("mvs.median", o.medianRadiusPx()),
            Integer.getInteger("mvs.fill", o.fillRadiusPx()));
    String subjects = System.getProperty("mvs.subjects", "1,2");
    for (int index :
        java.util.Arrays.stream(subjects.split(",")).mapToInt(Integer::parseInt).toArray()) {
      SubjectGenerator.Subject subject = subject(index);
      for (double priorRmse :
          java.util.Arrays.stream(System.getProperty("mvs.priors", "15,5").split(","))
              .mapToDouble(Double::parseDouble)
              .toArray()) {
        List<RenderedHeadRefinement.ViewFigures> figures =
            RenderedHeadRefinement.run(subject, all, priorRmse, index, o);
        double[][] columns = new double[7][figures.size()];
        for (int k = 0; k < figures.size(); k++) {
          RenderedHeadRefinement.ViewFigures f = figures.get(k);
          System.out.printf(
              "subject %d prior %.0f mm %s: head %.2f -> %.2f mm, face %.2f -> %.2f mm,"
                  + " confident %.2f mm on %.0f %%, %.0f ms%n",
              index,
              priorRmse,
              f.viewId(),
              f.rmseBeforeMm(),
              f.rmseAfterMm(),
              f.faceRmseBeforeMm(),
              f.faceRmseAfterMm(),
              f.confidentRmseAfterMm(),
              100 * f.confidentFraction(),
              1000 * f.cpuSeconds());
          columns[0][k] = f.rmseBeforeMm();
          columns[1][k] = f.rmseAfterMm();
          columns[2][k] = f.faceRmseBeforeMm();
          columns[3][k] = f.faceRmseAfterMm();
          columns[4][k] = f.confidentRmseAfterMm();
          columns[5][k] = f.confidentFraction();
          columns[6][k] = f.cpuSeconds();
          if (all[k] % 3 == 0) {
            ImageIO.write(
                RenderedHeadRefinement.panel(
                    subject.views().get(all[k]).rgb(),
                    subject.views().get(all[k]).depthMm(),
                    f,
                    10,
                    o.minConfidence()),
                "png",
                dir.resolve(
                        String.format("subject%d_prior%02.0f_%s.png", index, priorRmse, f.viewId()))
                    .toFile());
          }
        }
        System.out.printf(
            "MEDIAN subject %d prior %.0f mm: head %.2f -> %.2f mm, face %.2f -> %.2f mm,"
                + " confident %.2f mm on %.0f %%, %.0f ms CPU per view%n",
            index,
            priorRmse,
            RenderedHeadRefinement.median(columns[0]),
            RenderedHeadRefinement.median(columns[1]),
            RenderedHeadRefinement.median(columns[2]),
            RenderedHeadRefinement.median(columns[3]),
            RenderedHeadRefinement.median(columns[4]),
            100 * RenderedHeadRefinement.median(columns[5]),
            1000 * RenderedHeadRefinement.median(columns[6]));
      }
    }
  }
}
