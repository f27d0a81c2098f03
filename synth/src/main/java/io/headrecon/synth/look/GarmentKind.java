package io.headrecon.synth.look;

/** What a synthetic subject wears over the shoulders. */
public enum GarmentKind {
  /** A T-shirt or sweater with a round neckline at the base of the neck. */
  CREW_NECK,
  /** A shirt: a collar standing around the neck, open at the front. */
  COLLAR,
  /** A hoodie with its hood down, bunched behind the neck. */
  HOOD,
  /** A V-shaped neckline. */
  V_NECK
}
