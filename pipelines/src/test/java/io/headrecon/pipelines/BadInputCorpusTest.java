package io.headrecon.pipelines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.Assume.assumeTrue;

import io.headrecon.proto.FailureRecord;
import io.headrecon.proto.ProtoJson;
import io.headrecon.proto.SubjectManifest;
import io.headrecon.proto.View;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.beam.sdk.PipelineResult;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * One run over a corpus of bad files, folders and manifests mixed with good subjects: every input
 * subject appears exactly once in summary.csv, and each bad kind has the expected status and a
 * failure record whose stage and reason say what was wrong. The corpus is made in the test, one
 * table entry per kind ({@link #kinds}); append new kinds there.
 */
public class BadInputCorpusTest {
  @Rule public final TemporaryFolder temp = new TemporaryFolder();

  /** Expected status of a subject that still fuses from its good view ({@code ok} or a verdict). */
  static final String FUSED = "fused";

  /** The sample view every single-view subject is made of. */
  static final String VIEW = "yaw_p000";

  /** Makes one kind of bad input in the subject folder {@code dir} (not yet created). */
  interface Maker {
    void make(Path dir, Corpus corpus) throws Exception;
  }

  /**
   * One kind of bad input.
   *
   * @param subjectId the subject folder's name
   * @param status expected summary.csv status, or {@link #FUSED}
   * @param viewId the view of the expected failure record, "" for a subject-level record
   * @param stage the expected record's stage
   * @param phrase a key phrase of the expected record's reason
   */
  record Kind(
      String subjectId, String status, String viewId, String stage, String phrase, Maker maker) {}

  /** Where the corpus is made: the input folder, a folder outside it, the sample subject. */
  record Corpus(Path input, Path outside, Path sample) {
    /**
     * A subject of one good photo ({@link #VIEW}) with its ground-truth depth and a manifest of
     * that view alone (no mesh), edited by {@code edit} before it is written unchecked.
     */
    void singleView(Path dir, Consumer<SubjectManifest.Builder> edit) throws IOException {
      Files.createDirectories(dir.resolve("gt"));
      Files.copy(sample.resolve(VIEW + ".png"), dir.resolve(VIEW + ".png"));
      for (String gt : List.of("gt/" + VIEW + "_depth.png", "gt/" + VIEW + "_mask.png")) {
        Files.copy(sample.resolve(gt), dir.resolve(gt));
      }
      SubjectManifest full =
          ProtoJson.parseManifest(
              Files.readString(sample.resolve("manifest.json")), sample + "/manifest.json");
      View view =
          full.getViewsList().stream()
              .filter(v -> v.getViewId().equals(VIEW))
              .findFirst()
              .orElseThrow()
              .toBuilder()
              .setSubjectId(dir.getFileName().toString())
              .build();
      SubjectManifest.Builder m =
          full.toBuilder()
              .setSubjectId(dir.getFileName().toString())
              .clearViews()
              .addViews(view)
              .clearGroundTruth();
      edit.accept(m);
      Files.writeString(dir.resolve("manifest.json"), ProtoJson.toJson(m.build()));
    }

    void singleView(Path dir) throws IOException {
      singleView(dir, m -> {});
    }

    byte[] photo() throws IOException {
      return Files.readAllBytes(sample.resolve(VIEW + ".png"));
    }
  }

  static void mkfifo(Path path) throws Exception {
    Process p = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("mkfifo " + path).isZero();
  }

  static Kind listed(String id, String phrase, Maker maker) {
    return new Kind(id, "failed:list", "", "list", phrase, maker);
  }

  static Kind manifest(String id, String phrase, Consumer<SubjectManifest.Builder> edit) {
    return new Kind(id, "failed:manifest", "", "manifest", phrase, (d, c) -> c.singleView(d, edit));
  }

  /** A subject of one good view beside one bad file, which fails alone. */
  static Kind badView(String id, String viewId, String stage, String phrase, Maker badFile) {
    return new Kind(
        id,
        FUSED,
        viewId,
        stage,
        phrase,
        (d, c) -> {
          c.singleView(d);
          badFile.make(d, c);
        });
  }

  static List<Kind> kinds() {
    List<Kind> k = new ArrayList<>();
    // Subject folders that cannot be subjects.
    k.add(listed("empty-folder", "no .png/.jpg/.jpeg images", (d, c) -> Files.createDirectory(d)));
    k.add(
        listed(
            "no-photos",
            "no .png/.jpg/.jpeg images",
            (d, c) -> {
              Files.createDirectory(d);
              Files.writeString(d.resolve("readme.txt"), "no photos here");
            }));
    k.add(
        listed("bad..id", "not a safe id", (d, c) -> Files.createDirectories(d.resolve("x.png"))));
    k.add(
        listed(
            "has space",
            "not a safe id",
            (d, c) -> {
              Files.createDirectory(d);
              Files.write(d.resolve("a.png"), c.photo());
            }));
    for (String name : List.of("summary.csv", "failures.jsonl", "report")) {
      k.add(listed(name, "collides with a run-level output", (d, c) -> c.singleView(d)));
    }
    k.add(
        listed(
            "too-many-photos",
            "more than the 50 views",
            (d, c) -> {
              // Empty files: a decode would fail each view; the count fails the subject first.
              Files.createDirectory(d);
              for (int i = 0; i < 51; i++) {
                Files.write(d.resolve(String.format("v%02d.png", i)), new byte[0]);
              }
            }));
    k.add(
        listed(
            "too-many-entries",
            "more than 1000 entries",
            (d, c) -> {
              Files.createDirectory(d);
              for (int i = 0; i < 1001; i++) {
                Files.write(d.resolve("note" + i + ".txt"), new byte[0]);
              }
            }));
    k.add(
        listed(
            "link-out",
            "outside the input folder",
            (d, c) -> {
              Path elsewhere = c.outside().resolve("subject-elsewhere");
              c.singleView(elsewhere);
              Files.createSymbolicLink(d, elsewhere);
            }));
    k.add(
        listed(
            "link-to-input",
            "the input folder itself",
            (d, c) -> Files.createSymbolicLink(d, c.input())));
    k.add(
        listed(
            "link-loop",
            "symbolic link loop",
            (d, c) -> Files.createSymbolicLink(d, d.getFileName())));
    k.add(
        listed(
            "link-dangling",
            "dangling symbolic link",
            (d, c) -> Files.createSymbolicLink(d, c.outside().resolve("nothing-here"))));
    k.add(
        listed(
            "manifest-dir",
            "a directory",
            (d, c) -> {
              c.singleView(d);
              Files.delete(d.resolve("manifest.json"));
              Files.createDirectory(d.resolve("manifest.json"));
            }));
    k.add(
        listed(
            "manifest-fifo",
            "FIFO",
            (d, c) -> {
              c.singleView(d);
              Files.delete(d.resolve("manifest.json"));
              mkfifo(d.resolve("manifest.json"));
            }));
    k.add(
        listed(
            "manifest-link-out",
            "outside the subject folder",
            (d, c) -> {
              c.singleView(d);
              Path stolen = c.outside().resolve("manifest-link-out.json");
              Files.move(d.resolve("manifest.json"), stolen);
              Files.createSymbolicLink(d.resolve("manifest.json"), stolen);
            }));
    // Manifests that break the contract: the subject fails before any photo is decoded.
    k.add(
        new Kind(
            "manifest-not-json",
            "failed:manifest",
            "",
            "manifest",
            "not a valid SubjectManifest",
            (d, c) -> {
              c.singleView(d);
              Files.writeString(d.resolve("manifest.json"), "{\"subjectId\": ");
            }));
    k.add(
        manifest(
            "nan-rotation",
            "rotationWorldToCamera[4] must be finite",
            m ->
                m.getViewsBuilder(0)
                    .getCameraBuilder()
                    .getExtrinsicsBuilder()
                    .setRotationWorldToCamera(4, Double.NaN)));
    k.add(
        manifest(
            "inf-translation",
            "translationWorldToCameraMm[2] must be finite",
            m ->
                m.getViewsBuilder(0)
                    .getCameraBuilder()
                    .getExtrinsicsBuilder()
                    .setTranslationWorldToCameraMm(2, Double.POSITIVE_INFINITY)));
    k.add(
        manifest(
            "nan-cx",
            "cxPx",
            m ->
                m.getViewsBuilder(0)
                    .getCameraBuilder()
                    .getIntrinsicsBuilder()
                    .setCxPx(Double.NaN)));
    k.add(
        manifest(
            "inf-fx",
            "fxPx must be finite and positive",
            m ->
                m.getViewsBuilder(0)
                    .getCameraBuilder()
                    .getIntrinsicsBuilder()
                    .setFxPx(Double.POSITIVE_INFINITY)));
    k.add(
        manifest(
            "negative-fy",
            "fyPx must be finite and positive",
            m -> m.getViewsBuilder(0).getCameraBuilder().getIntrinsicsBuilder().setFyPx(-425)));
    k.add(
        manifest(
            "cy-outside",
            "cyPx must lie inside the image",
            m -> m.getViewsBuilder(0).getCameraBuilder().getIntrinsicsBuilder().setCyPx(500)));
    k.add(
        manifest(
            "zero-width",
            "widthPx",
            m -> m.getViewsBuilder(0).getCameraBuilder().getIntrinsicsBuilder().setWidthPx(0)));
    k.add(
        manifest(
            "sheared-rotation",
            "not orthonormal",
            m ->
                m.getViewsBuilder(0)
                    .getCameraBuilder()
                    .getExtrinsicsBuilder()
                    .setRotationWorldToCamera(1, 0.3)));
    k.add(
        manifest(
            "reflected-rotation",
            "reflection",
            m -> {
              var e = m.getViewsBuilder(0).getCameraBuilder().getExtrinsicsBuilder();
              for (int j = 0; j < 3; j++) {
                e.setRotationWorldToCamera(j, -e.getRotationWorldToCamera(j));
              }
            }));
    k.add(
        manifest(
            "eight-rotation-values",
            "needs 9 values",
            m -> {
              var e = m.getViewsBuilder(0).getCameraBuilder().getExtrinsicsBuilder();
              List<Double> r = new ArrayList<>(e.getRotationWorldToCameraList());
              e.clearRotationWorldToCamera().addAllRotationWorldToCamera(r.subList(0, 8));
            }));
    k.add(
        manifest(
            "nan-yaw", "yawDeg must be finite", m -> m.getViewsBuilder(0).setYawDeg(Double.NaN)));
    k.add(
        manifest(
            "absolute-mesh",
            "groundTruth.meshUri '/etc/passwd' must be a relative path",
            m -> m.getGroundTruthBuilder().setMeshUri("/etc/passwd")));
    k.add(
        manifest(
            "climbing-depth",
            "groundTruth.depthUri '../nan-cx/gt/yaw_p000_depth.png' must stay inside",
            m ->
                m.getViewsBuilder(0)
                    .getGroundTruthBuilder()
                    .setDepthUri("../nan-cx/gt/yaw_p000_depth.png")));
    k.add(
        manifest(
            "scheme-mask",
            "groundTruth.maskUri 'file:/etc/passwd'",
            m -> m.getViewsBuilder(0).getGroundTruthBuilder().setMaskUri("file:/etc/passwd")));
    k.add(
        manifest(
            "wrong-subject-id",
            "does not match its folder",
            m -> m.setSubjectId("someone-else").getViewsBuilder(0).clearSubjectId()));
    k.add(
        manifest(
            "manifest-51-views",
            "more than the 50 views",
            m -> {
              for (int i = 0; i < 50; i++) {
                m.addViews(m.getViews(0).toBuilder().setViewId("extra" + i));
              }
            }));
    k.add(manifest("duplicate-manifest-view", "appears twice", m -> m.addViews(m.getViews(0))));
    k.add(
        manifest(
            "zero-depth-scale",
            "depthScaleMmPerUnit",
            m -> m.getViewsBuilder(0).getGroundTruthBuilder().setDepthScaleMmPerUnit(0)));
    k.add(
        new Kind(
            "depth-link-out",
            "failed:manifest",
            "",
            "manifest",
            "outside the subject folder",
            (d, c) -> {
              c.singleView(d);
              Path depth = d.resolve("gt/" + VIEW + "_depth.png");
              Path stolen = c.outside().resolve("depth-link-out.png");
              Files.move(depth, stolen);
              Files.createSymbolicLink(depth, stolen);
            }));
    k.add(
        new Kind(
            "size-mismatch",
            "failed:fusion",
            VIEW,
            "decode",
            "camera intrinsics widthPx x heightPx say 200x200",
            (d, c) ->
                c.singleView(
                    d,
                    m ->
                        m.getViewsBuilder(0)
                            .getCameraBuilder()
                            .getIntrinsicsBuilder()
                            .setWidthPx(200)
                            .setHeightPx(200))));
    // Bad view files beside a good view: the view fails alone, the subject still fuses.
    k.add(
        badView(
            "view-named-dot-png",
            ".png",
            "list",
            "gives an empty view id",
            (d, c) -> Files.write(d.resolve(".png"), c.photo())));
    k.add(
        badView(
            "view-unsafe-id",
            "a b",
            "list",
            "not a safe id",
            (d, c) -> Files.write(d.resolve("a b.png"), c.photo())));
    k.add(
        badView(
            "view-is-directory",
            "folder",
            "list",
            "a directory, not a file",
            (d, c) -> Files.createDirectory(d.resolve("folder.png"))));
    k.add(badView("view-is-fifo", "fifo", "list", "FIFO", (d, c) -> mkfifo(d.resolve("fifo.jpg"))));
    k.add(
        badView(
            "view-link-out",
            "stolen",
            "list",
            "outside the subject folder",
            (d, c) -> {
              Path secret = c.outside().resolve("secret.png");
              if (!Files.exists(secret)) {
                Files.write(secret, c.photo());
              }
              Files.createSymbolicLink(d.resolve("stolen.png"), secret);
            }));
    k.add(
        badView(
            "view-link-to-other-subject",
            "borrowed",
            "list",
            "outside the subject folder",
            (d, c) ->
                Files.createSymbolicLink(
                    d.resolve("borrowed.png"), Path.of("..", "nan-cx", VIEW + ".png"))));
    k.add(
        badView(
            "view-link-loop",
            "loop",
            "list",
            "symbolic link loop",
            (d, c) -> Files.createSymbolicLink(d.resolve("loop.png"), Path.of("loop.png"))));
    k.add(
        badView(
            "view-link-dangling",
            "gone",
            "list",
            "dangling symbolic link",
            (d, c) -> Files.createSymbolicLink(d.resolve("gone.png"), Path.of("missing.png"))));
    k.add(
        badView(
            "view-empty-file",
            "empty",
            "decode",
            "0 bytes",
            (d, c) -> Files.write(d.resolve("empty.png"), new byte[0])));
    k.add(
        badView(
            "view-not-an-image",
            "text",
            "decode",
            "not a PNG, JPEG or TIFF",
            (d, c) -> Files.writeString(d.resolve("text.jpg"), "hello, I am text")));
    k.add(
        badView(
            "view-duplicate-id",
            VIEW,
            "list",
            "duplicate view id",
            (d, c) -> Files.write(d.resolve(VIEW + ".jpeg"), c.photo())));
    return k;
  }

  @Test
  public void everyBadKindIsAccountedForWithItsReason() throws Exception {
    // The input folder's name holds glob characters: it is read literally, and the sibling folder
    // that the glob would match is not read.
    Path input = temp.newFolder("in[ab]").toPath();
    Path decoy = temp.newFolder("ina").toPath();
    Files.createDirectories(decoy.resolve("decoy"));
    Files.write(decoy.resolve("decoy/a.png"), new byte[0]);
    Path outside = temp.newFolder("outside").toPath();
    Path output = temp.getRoot().toPath().resolve("out");
    List<String> samples = TestData.subjects();
    Corpus corpus = new Corpus(input, outside, TestData.testdata().resolve(samples.get(0)));

    // Two good subjects, trimmed to 3 views.
    List<String> good = samples.subList(0, 2);
    for (String id : good) {
      TestData.copySubject(id, input);
      try (var files = Files.list(input.resolve(id))) {
        for (Path f : files.filter(f -> f.toString().endsWith(".png")).toList()) {
          if (!Set.of("yaw_m010.png", "yaw_p000.png", "yaw_p010.png")
              .contains(f.getFileName().toString())) {
            Files.delete(f);
          }
        }
      }
    }
    List<Kind> kinds = kinds();
    assertThat(kinds).hasSizeGreaterThanOrEqualTo(40);
    Set<String> expectedIds = new LinkedHashSet<>(good);
    for (Kind kind : kinds) {
      assertThat(expectedIds.add(kind.subjectId())).as("unique id " + kind.subjectId()).isTrue();
      kind.maker().make(input.resolve(kind.subjectId()), corpus);
    }

    PipelineResult result =
        ReconstructHeads.run(ReconstructHeadsTest.options(input.toString(), output.toString()));
    assertThat(result.waitUntilFinish()).isEqualTo(PipelineResult.State.DONE);

    RunOutputs run = RunOutputs.read(output);
    // Every input subject exactly once (RunOutputs.read fails on a repeated id), nothing else.
    assertThat(run.statusBySubject().keySet()).containsExactlyInAnyOrderElementsOf(expectedIds);
    for (String id : good) {
      assertThat(run.statusBySubject().get(id)).as(id).isEqualTo("ok");
    }
    List<String> problems = new ArrayList<>();
    for (Kind kind : kinds) {
      String status = run.statusBySubject().get(kind.subjectId());
      boolean statusOk =
          kind.status().equals(FUSED)
              ? status != null && !status.startsWith("failed")
              : kind.status().equals(status);
      if (!statusOk) {
        problems.add(kind.subjectId() + ": status " + status + ", expected " + kind.status());
      }
      List<FailureRecord> records =
          run.failures().stream()
              .filter(f -> f.getSubjectId().equals(kind.subjectId()))
              .filter(f -> f.getViewId().equals(kind.viewId()))
              .filter(f -> f.getStage().equals(kind.stage()))
              .toList();
      if (records.stream().noneMatch(f -> f.getReason().contains(kind.phrase()))) {
        problems.add(
            kind.subjectId()
                + ": no "
                + kind.stage()
                + " record for view '"
                + kind.viewId()
                + "' saying '"
                + kind.phrase()
                + "'; its records: "
                + run.failures().stream()
                    .filter(f -> f.getSubjectId().equals(kind.subjectId()))
                    .map(f -> f.getViewId() + "@" + f.getStage() + ": " + f.getReason())
                    .toList());
      }
    }
    assertThat(problems).isEmpty();
    // Nothing was read outside the input: no record names the decoy, and no subject reached
    // fusion from a file outside its folder.
    assertThat(run.failures()).noneMatch(f -> f.getInputUri().contains(decoy.toString()));
  }

  @Test
  public void globInputMatchesFoldersAndASubjectIdInTwoFoldersFailsOnce() throws Exception {
    Path input = temp.newFolder("globbed").toPath();
    for (String parent : List.of("p1", "p2")) {
      Files.createDirectories(input.resolve(parent).resolve("twin"));
      Files.write(input.resolve(parent).resolve("twin/a.png"), new byte[0]);
    }
    Files.createDirectories(input.resolve("p1/solo"));
    Files.createDirectories(input.resolve("q1/unmatched"));
    Path output = temp.getRoot().toPath().resolve("out");
    PipelineResult result =
        ReconstructHeads.run(
            ReconstructHeadsTest.options(input + "/p*/*", output.toString(), "--inputIsGlob=true"));
    assertThat(result.waitUntilFinish()).isEqualTo(PipelineResult.State.DONE);
    RunOutputs run = RunOutputs.read(output);
    assertThat(run.statusBySubject())
        .containsOnlyKeys("twin", "solo")
        .containsEntry("twin", "failed:list")
        .containsEntry("solo", "failed:list");
    assertThat(run.failures())
        .filteredOn(f -> f.getSubjectId().equals("twin"))
        .singleElement()
        .satisfies(f -> assertThat(f.getReason()).contains("found in 2 folders"));
  }

  @Test
  public void aMissingOrEmptyInputOrAnUnwritableOutputFailsBeforeAnyWork() throws Exception {
    Path root = temp.getRoot().toPath();
    String out = root.resolve("out").toString();
    assertThatThrownBy(
            () -> ReconstructHeads.run(ReconstructHeadsTest.options(root + "/missing", out)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("missing")
        .hasMessageContaining("does not exist");
    Path empty = temp.newFolder("empty").toPath();
    assertThatThrownBy(() -> ReconstructHeads.run(ReconstructHeadsTest.options(empty + "", out)))
        .hasMessageContaining("holds no subject folder");
    Path looseFiles = temp.newFolder("loose").toPath();
    Files.write(looseFiles.resolve("a.png"), new byte[0]);
    assertThatThrownBy(
            () -> ReconstructHeads.run(ReconstructHeadsTest.options(looseFiles + "", out)))
        .hasMessageContaining("holds no subject folder");
    assertThatThrownBy(
            () ->
                ReconstructHeads.run(
                    ReconstructHeadsTest.options(root + "/nothing-*", out, "--inputIsGlob=true")))
        .hasMessageContaining("matches no folder");
    Path input = temp.newFolder("input").toPath();
    Files.createDirectories(input.resolve("s1"));
    Path file = root.resolve("a-file");
    Files.writeString(file, "not a folder");
    assertThatThrownBy(
            () ->
                ReconstructHeads.run(ReconstructHeadsTest.options(input.toString(), file + "/out")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--output")
        .hasMessageContaining("cannot write");
    assertThatThrownBy(
            () ->
                ReconstructHeads.run(
                    ReconstructHeadsTest.options(input.toString(), input + "/out")))
        .hasMessageContaining("lies inside --input");
    assertThat(root.resolve("out")).doesNotExist();
  }

  @Test
  public void mainExitsNonZeroWhenTheInputIsMissing() throws Exception {
    Path root = temp.getRoot().toPath();
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                ReconstructHeads.class.getName(),
                "--input=" + root.resolve("missing"),
                "--output=" + root.resolve("out"),
                "--depthSource=groundtruth")
            .redirectErrorStream(true)
            .redirectOutput(root.resolve("main.log").toFile())
            .start();
    assumeTrue("the test JVM can start another", p.waitFor(120, TimeUnit.SECONDS));
    String log = Files.readString(root.resolve("main.log"), StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(log).isNotZero();
    assertThat(log).contains("run FAILED").contains("does not exist");
    assertThat(new File(root.toFile(), "out")).doesNotExist();
  }
}
