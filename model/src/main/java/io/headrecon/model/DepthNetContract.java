package io.headrecon.model;

/**
 * The input/output contract of the depth + mask + landmark network, as exported to ONNX and run by
 * the pipeline. Every name and number the pipeline needs to feed the model and read its outputs.
 *
 * <p>Input {@value #INPUT_NAME}: float32 {@code [N, 3, 180, 180]}, RGB in channel order R, G, B,
 * values in [0, 1] (8-bit value / 255), row-major NCHW; N is dynamic. The model pads to 192 x 192
 * inside the graph.
 *
 * <p>Outputs (N is the same as the input's):
 *
 * <ul>
 *   <li>{@value #DEPTH_OUTPUT}: float32 {@code [N, 1, 180, 180]}, relative depth {@code (Z_mm -
 *       Z_ref_mm) / }{@value #DEPTH_SCALE_MM} where Z_mm is the Z distance of the surface seen in
 *       that pixel to the camera plane and Z_ref_mm the reference depth of the view (see {@link
 *       DepthNetOutputDecoder}). Meaningful only where the mask is on.
 *   <li>{@value #MASK_OUTPUT}: float32 {@code [N, 1, 180, 180]}, probability in [0, 1] that the
 *       pixel shows the head.
 *   <li>{@value #LANDMARKS_OUTPUT}: float32 {@code [N, 68, 2]}, the 68 Multi-PIE landmarks as
 *       {@code (x_px / 180, y_px / 180)} in network-input pixels (pixel centres at integer
 *       coordinates), also for occluded landmarks.
 *   <li>{@value #VISIBILITY_OUTPUT}: float32 {@code [N, 68]}, probability in [0, 1] that each
 *       landmark is visible (not self-occluded, inside the image).
 * </ul>
 */
public final class DepthNetContract {
  private DepthNetContract() {}

  /** Network input width and height, pixels. */
  public static final int INPUT_SIZE_PX = 180;

  /** Width and height the model pads its input to inside the graph, pixels (a multiple of 32). */
  public static final int PADDED_SIZE_PX = 192;

  /** Zero padding added on each side of the input inside the graph, pixels. */
  public static final int PAD_PX = (PADDED_SIZE_PX - INPUT_SIZE_PX) / 2;

  /** Number of landmarks (Multi-PIE 68-point order). */
  public static final int LANDMARK_COUNT = 68;

  /** Millimetres per unit of the {@value #DEPTH_OUTPUT} output. */
  public static final double DEPTH_SCALE_MM = 100.0;

  /** Name of the image input. */
  public static final String INPUT_NAME = "image";

  /** Name of the relative-depth output. */
  public static final String DEPTH_OUTPUT = "depth";

  /** Name of the foreground-probability output. */
  public static final String MASK_OUTPUT = "mask";

  /** Name of the normalised landmark-position output. */
  public static final String LANDMARKS_OUTPUT = "landmarks";

  /** Name of the landmark-visibility probability output. */
  public static final String VISIBILITY_OUTPUT = "landmark_visibility";

  /** Mask probability at or above which a pixel counts as head. */
  public static final double MASK_THRESHOLD = 0.5;

  /** Visibility probability at or above which a landmark counts as visible. */
  public static final double VISIBILITY_THRESHOLD = 0.5;

  /** ONNX opset the exported graph uses. */
  public static final int OPSET = 17;
}
