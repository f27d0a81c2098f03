package io.headrecon.training.data;

/**
 * One view turned into network input and targets (after augmentation, if any). Maps are row-major
 * {@code 180 x 180}.
 *
 * @param image RGB in [0, 1], planar CHW ({@code 3 * 180 * 180})
 * @param depth relative depth target {@code (Z_mm - Z_ref_mm) / 100} wherever a surface is seen (in
 *     the mask and out of it), else 0
 * @param mask 1 = in the mask ({@link io.headrecon.model.HeadMask}: head, hair, neck down to the
 *     collar), 0 = not
 * @param depthWeight weight of the depth error per pixel: 1 in the mask, {@link
 *     io.headrecon.model.HeadMask#OUTSIDE_DEPTH_WEIGHT} on other surfaces (a garment), 0 where
 *     nothing is seen
 * @param landmarks {@code (x_px / 180, y_px / 180)} per landmark, 136 values
 * @param visible 1 = visible, 0 = not, 68 values
 */
public record TrainingExample(
    float[] image,
    float[] depth,
    float[] mask,
    float[] depthWeight,
    float[] landmarks,
    float[] visible) {}
