package io.headrecon.pipelines;

import java.util.Locale;

/** One way of feeding the held-out set to the pipeline in {@link EvaluateMultiView}. */
public enum EvaluationMode {
  /**
   * Photos and intrinsics only: no extrinsics, no yaw or pitch; the output is in a camera frame.
   */
  POSES_UNKNOWN("posesUnknown", "photos + intrinsics, poses unknown", false, true),
  /** Calibrated extrinsics in a world frame whose origin lies below the head (a studio floor). */
  CALIBRATED_OFFSET(
      "calibratedOffset", "calibrated rig, world origin below the head", false, false),
  /** Ground-truth depth through the same fusion, calibrated as {@link #CALIBRATED_OFFSET}. */
  GROUND_TRUTH_DEPTH("groundTruthDepth", "ground-truth depth through the same fusion", true, false),
  /** Calibrated extrinsics with the origin at the head's centre (the dataset's own convention). */
  CALIBRATED_AT_HEAD(
      "calibratedAtHead", "calibrated, world origin at the head centre", false, false);

  private final String optionName;
  private final String label;
  private final boolean groundTruthDepth;
  private final boolean posesUnknown;

  EvaluationMode(String optionName, String label, boolean groundTruthDepth, boolean posesUnknown) {
    this.optionName = optionName;
    this.label = label;
    this.groundTruthDepth = groundTruthDepth;
    this.posesUnknown = posesUnknown;
  }

  /** The name in {@code --modes} and in output folders, e.g. "posesUnknown". */
  public String optionName() {
    return optionName;
  }

  /** The row label of the table. */
  public String label() {
    return label;
  }

  /** Whether the pipeline runs with {@code --depthSource=groundtruth}. */
  public boolean groundTruthDepth() {
    return groundTruthDepth;
  }

  /** Whether the manifests carry no camera pose (the output is in the reference camera's frame). */
  public boolean posesUnknown() {
    return posesUnknown;
  }

  /**
   * The mode named {@code name} (case-insensitive).
   *
   * @throws IllegalArgumentException naming the known modes
   */
  public static EvaluationMode parse(String name) {
    for (EvaluationMode mode : values()) {
      if (mode.optionName.toLowerCase(Locale.ROOT).equals(name.trim().toLowerCase(Locale.ROOT))) {
        return mode;
      }
    }
    throw new IllegalArgumentException(
        "--modes: unknown mode '"
            + name
            + "', known: posesUnknown, calibratedOffset, groundTruthDepth, calibratedAtHead");
  }
}
