package io.headrecon.synth.look;

/** The scalp hair a synthetic subject can have. */
public enum HairStyle {
  /** A close crop, 3-9 mm of hair over the scalp. */
  SHORT,
  /** 10-20 mm of volume, falling to the jaw or the neck at the sides and back. */
  MEDIUM,
  /** Hair falling past the shoulders at the sides and back, leaving the face open. */
  LONG,
  /** A large curly volume (20-50 mm), lumpy, sometimes to the jaw. */
  CURLY,
  /** Sleek hair pulled back into a bun or a ponytail. */
  TIED_BACK,
  /** Short hair with a receding hairline (high forehead, bare temples). */
  RECEDING,
  /** No scalp hair, or a short horseshoe over the ears and the back. */
  BALD
}
