package io.headrecon.pipelines;

import io.headrecon.geometry.PinholeCamera;
import io.headrecon.geometry.RigidTransform;
import io.headrecon.geometry.TriangleMesh;
import io.headrecon.geometry.io.Ply;
import io.headrecon.model.ProtoGeometry;
import io.headrecon.proto.ProtoJson;
import io.headrecon.proto.SubjectManifest;
import io.headrecon.proto.View;
import io.headrecon.synth.dataset.SubjectGenerator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Derives the inputs of {@link EvaluateMultiView}'s modes from the generated held-out set: the same
 * photos and ground-truth files with the manifests (and, for another world frame, the mesh)
 * rewritten. Local folders only.
 */
public final class EvaluationInputs {
  private EvaluationInputs() {}

  /**
   * Writes {@code out/<subjectId>/} for each subject: the manifest without any camera pose (no
   * extrinsics, yaw or pitch; intrinsics and ground-truth depth kept), every other file copied but
   * the ground-truth mesh (see {@link #copySubject}).
   */
  static void withoutPoses(Path data, Path out, List<String> subjectIds) throws IOException {
    recreate(out);
    for (String id : subjectIds) {
      SubjectManifest manifest = readManifest(data.resolve(id));
      SubjectManifest.Builder b = manifest.toBuilder();
      for (View.Builder view : b.getViewsBuilderList()) {
        view.clearYawDeg().clearPitchDeg();
        view.getCameraBuilder().clearExtrinsics();
      }
      copySubject(data.resolve(id), out.resolve(id), b.build());
    }
  }

  /**
   * Writes {@code out/<subjectId>/} for each subject in another world frame: every camera's
   * world-to-camera becomes worldToCamera ∘ newToData; photos and depth are copied, the
   * ground-truth mesh is not (see {@link #copySubject}).
   *
   * @param dataToNew maps points of the data's world frame to the new world frame, millimetres
   */
  static void inWorldFrame(Path data, Path out, List<String> subjectIds, RigidTransform dataToNew)
      throws IOException {
    recreate(out);
    RigidTransform newToData = dataToNew.inverse();
    for (String id : subjectIds) {
      SubjectManifest manifest = readManifest(data.resolve(id));
      SubjectManifest.Builder b = manifest.toBuilder();
      for (View.Builder view : b.getViewsBuilderList()) {
        PinholeCamera camera = ProtoGeometry.camera(view.getCamera());
        view.setCamera(
            ProtoGeometry.toProto(
                camera.withWorldToCamera(camera.worldToCamera().after(newToData))));
      }
      copySubject(data.resolve(id), out.resolve(id), b.build());
    }
  }

  /** The manifest of a subject folder. */
  static SubjectManifest readManifest(Path subjectDir) throws IOException {
    Path file = subjectDir.resolve(SubjectGenerator.MANIFEST);
    return ProtoJson.parseManifest(Files.readString(file, StandardCharsets.UTF_8), file.toString());
  }

  /** Reads a mesh from a local PLY file. */
  static TriangleMesh readMesh(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return Ply.readMesh(in, file.toString());
    }
  }

  /**
   * Copies a subject folder with {@code manifest} in place of its own, leaving out the ground-truth
   * mesh and its URI: the evaluation compares the outputs with the data's mesh itself, and without
   * it the pipeline skips its own (slow, here redundant) comparison.
   */
  private static void copySubject(Path from, Path to, SubjectManifest manifest) throws IOException {
    Path mesh = from.resolve(manifest.getGroundTruth().getMeshUri()).normalize();
    SubjectManifest.Builder withoutMesh = manifest.toBuilder();
    withoutMesh.getGroundTruthBuilder().clearMeshUri();
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        Path target = to.resolve(from.relativize(file).toString());
        if (file.normalize().equals(mesh)) {
          continue;
        }
        Files.createDirectories(target.getParent());
        if (file.getFileName().toString().equals(SubjectGenerator.MANIFEST)
            && file.getParent().equals(from)) {
          Files.writeString(target, ProtoJson.toJson(withoutMesh.build()), StandardCharsets.UTF_8);
        } else {
          Files.copy(file, target);
        }
      }
    }
  }

  /**
   * Copies subject {@code subjectId} of {@code data} to {@code out/<newId>/}, its manifest's
   * subject ids renamed and without the ground-truth mesh (a studio's subjects have none): the
   * benchmarks' testdata-like subjects.
   */
  public static void copyWithoutMesh(Path data, String subjectId, Path out, String newId)
      throws IOException {
    SubjectManifest.Builder renamed = readManifest(data.resolve(subjectId)).toBuilder();
    renamed.setSubjectId(newId);
    for (View.Builder view : renamed.getViewsBuilderList()) {
      view.setSubjectId(newId);
    }
    copySubject(data.resolve(subjectId), out.resolve(newId), renamed.build());
  }

  /** Deletes {@code dir} with everything in it, then creates it empty. */
  public static void recreate(Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (Stream<Path> all = Files.walk(dir)) {
        for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
          Files.delete(p);
        }
      }
    }
    Files.createDirectories(dir);
  }
}
