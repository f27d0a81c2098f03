package io.headrecon.training.data;

/**
 * One view turned into network input and targets (after augmentation, if any). Maps are row-major
 * {@code 180 x 180}.
 *
 * @param image RGB in [0, 1], planar CHW ({@code 3 * 180 * 180})
 * @param depth relative depth target {@code (Z_mm - Z_ref_mm) / 100} where the mask is on, else 0
 * @param mask 1 = head, 0 = background
 * @param landmarks {@code (x_px / 180, y_px / 180)} per landmark, 136 values
 * @param visible 1 = visible, 0 = not, 68 values
 */
public record TrainingExample(
    float[] image, float[] depth, float[] mask, float[] landmarks, float[] visible) {}
