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
import java.io.OutputStream;
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
final class EvaluationInputs {
  private EvaluationInputs() {}

  /**
   * Writes {@code out/<subjectId>/} for each subject: the manifest without any camera pose (no
   * extrinsics, yaw or pitch; intrinsics and ground truth kept), every other file copied.
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
      copySubject(data.resolve(id), out.resolve(id), b.build(), null);
    }
  }

  /**
   * Writes {@code out/<subjectId>/} for each subject in another world frame: every camera's
   * world-to-camera becomes worldToCamera ∘ newToData and the ground-truth mesh is mapped by {@code
   * dataToNew}; photos and depth are copied.
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
      copySubject(data.resolve(id), out.resolve(id), b.build(), dataToNew);
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

  /** {@code mesh} with every vertex mapped by {@code transform}. */
  static TriangleMesh transformed(TriangleMesh mesh, RigidTransform transform) {
    float[] v = mesh.verticesMm();
    float[] out = new float[v.length];
    double[] p = new double[3];
    for (int i = 0; i < v.length; i += 3) {
      transform.apply(v[i], v[i + 1], v[i + 2], p);
      out[i] = (float) p[0];
      out[i + 1] = (float) p[1];
      out[i + 2] = (float) p[2];
    }
    return TriangleMesh.of(out, mesh.colorsRgb(), mesh.triangles());
  }

  private static void copySubject(
      Path from, Path to, SubjectManifest manifest, RigidTransform meshTransform)
      throws IOException {
    Path mesh = from.resolve(manifest.getGroundTruth().getMeshUri()).normalize();
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        Path target = to.resolve(from.relativize(file).toString());
        Files.createDirectories(target.getParent());
        if (file.getFileName().toString().equals(SubjectGenerator.MANIFEST)
            && file.getParent().equals(from)) {
          Files.writeString(target, ProtoJson.toJson(manifest), StandardCharsets.UTF_8);
        } else if (meshTransform != null && file.normalize().equals(mesh)) {
          try (OutputStream out = Files.newOutputStream(target)) {
            Ply.writeMesh(transformed(readMesh(file), meshTransform), out);
          }
        } else {
          Files.copy(file, target);
        }
      }
    }
  }

  /** Deletes {@code dir} with everything in it, then creates it empty. */
  static void recreate(Path dir) throws IOException {
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
