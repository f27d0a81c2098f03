package io.headrecon.synth.look;

/** Hair on the face besides the brows (texture with slight relief). */
public enum FacialHair {
  NONE,
  /** A few days' growth: dark dots over cheeks, chin and upper lip, no relief to speak of. */
  STUBBLE,
  /** Over the upper lip only, 1-3 mm of relief. */
  MOUSTACHE,
  /** Cheeks, chin, jaw and upper lip, 2-8 mm of relief. */
  BEARD
}
