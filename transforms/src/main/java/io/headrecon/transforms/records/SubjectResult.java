package io.headrecon.transforms.records;

import io.headrecon.geometry.PointCloud;
import io.headrecon.geometry.TriangleMesh;
import io.headrecon.proto.SubjectManifest;
import io.headrecon.proto.SubjectMetrics;
import java.util.Map;
import org.apache.beam.sdk.coders.DefaultCoder;

/**
 * One reconstructed subject.
 *
 * @param fusedInReference the fused head, millimetres, in the output frame: the world frame when
 *     {@code inWorldFrame}, else the reference view's camera frame
 * @param inWorldFrame whether the output frame is the manifest's world frame (the reference view's
 *     camera pose was known)
 * @param metrics the subject's metrics so far (ground-truth metrics are added by a later step)
 * @param viewCloudsInReference per-view clouds in the output frame, by view id (empty unless asked)
 * @param viewDepthMm per-view depth maps used, by view id (empty unless asked)
 * @param manifest the subject's parsed manifest, URIs resolved ({@link SubjectInput#manifest()})
 * @param meshInReference the surface mesh (TSDF fusion and marching cubes) in the same frame as
 *     {@code fusedInReference}, millimetres, or null when none was made
 */
@DefaultCoder(SubjectResultCoder.class)
public record SubjectResult(
    String subjectId,
    PointCloud fusedInReference,
    boolean inWorldFrame,
    SubjectMetrics metrics,
    Map<String, PointCloud> viewCloudsInReference,
    Map<String, ViewDepth> viewDepthMm,
    SubjectManifest manifest,
    TriangleMesh meshInReference) {

  /** This result with other metrics. */
  public SubjectResult withMetrics(SubjectMetrics newMetrics) {
    return new SubjectResult(
        subjectId,
        fusedInReference,
        inWorldFrame,
        newMetrics,
        viewCloudsInReference,
        viewDepthMm,
        manifest,
        meshInReference);
  }
}
