package io.headrecon.training.net;

/**
 * The raw outputs of {@link DepthNet#apply}, before the sigmoids of the exported graph.
 *
 * @param depth relative depth {@code [N, 1, 180, 180]} (see {@code DepthNetContract})
 * @param maskLogit foreground logit {@code [N, 1, 180, 180]}
 * @param landmarks normalised landmark positions {@code [N, 68, 2]}
 * @param visibilityLogit landmark visibility logit {@code [N, 68]}
 * @param latentMean VAE latent mean {@code [N, L]}; null for the U-Net
 * @param latentLogVar VAE latent log-variance {@code [N, L]}; null for the U-Net
 */
public record NetOutputs<T>(
    T depth, T maskLogit, T landmarks, T visibilityLogit, T latentMean, T latentLogVar) {}
