package io.headrecon.model;

/**
 * What the network's mask means, written down once. The dataset generator draws the ground-truth
 * mask with it, training weighs the depth loss with it, and evaluation scores depth and the mask on
 * it.
 *
 * <p><b>The mask covers the head and its hair, and the neck down to the collar:</b> every pixel
 * whose nearest visible surface is skin of the head, face or neck (with the eyes, teeth, brows and
 * facial hair drawn on it) or hair (scalp hair, ponytails, buns). Garments are outside it, and so
 * is everything they hide: the neck below the collar, the shoulders and the torso. A head without a
 * garment (the data made before issue 15) is a bust whose whole visible surface is {@link
 * Surface#HEAD}, so its mask is every pixel with a surface, as it always was. Backgrounds are
 * outside it.
 *
 * <p>Ground-truth depth is of every visible surface, in the mask and out of it (a garment has depth
 * too); {@link #OUTSIDE_DEPTH_WEIGHT} says how much depth outside the mask counts in training.
 */
public final class HeadMask {
  private HeadMask() {}

  /** The kinds of surface a synthetic view shows. */
  public enum Surface {
    /** Skin of the head, face and neck, with eyes, mouth interior, brows and facial hair. */
    HEAD,
    /** Hair volumes over the scalp, ponytails and buns. */
    HAIR,
    /** Garments: collars, crew necks, hoods, and the torso they cover. */
    CLOTHING
  }

  /** Whether a pixel showing {@code surface} is in the mask. */
  public static boolean covers(Surface surface) {
    return surface == Surface.HEAD || surface == Surface.HAIR;
  }

  /**
   * Weight of the depth error on pixels that have ground-truth depth but lie outside the mask (the
   * garment below the collar), relative to pixels in the mask (weight 1): the network should know
   * roughly where the shoulders are, but the head's depth is what it is for.
   */
  public static final float OUTSIDE_DEPTH_WEIGHT = 0.1f;
}
