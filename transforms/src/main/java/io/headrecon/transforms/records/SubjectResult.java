package io.headrecon.transforms.records;

import io.headrecon.geometry.PointCloud;
import io.headrecon.proto.SubjectMetrics;
import java.io.Serializable;
import java.util.Map;

/**
 * One reconstructed subject.
 *
 * @param fusedInReference the fused head, millimetres, in the reference view's camera frame (the
 *     world frame when the manifest gives camera poses)
 * @param viewCloudsInReference per-view clouds in the same frame, by view id (empty unless asked)
 * @param viewDepthMm per-view depth maps used, by view id (empty unless asked)
 */
public record SubjectResult(
    String subjectId,
    PointCloud fusedInReference,
    SubjectMetrics metrics,
    Map<String, PointCloud> viewCloudsInReference,
    Map<String, ViewDepth> viewDepthMm)
    implements Serializable {}
