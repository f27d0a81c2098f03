package io.headrecon.training.net;

/** The two network variants. */
public enum Architecture {
  /**
   * U-Net: a strided-conv encoder and a nearest-upsample + conv decoder with skip connections at
   * every scale; landmark heatmaps from the decoder, visibility from the bottleneck.
   */
  UNET,
  /**
   * The method's variational autoencoder: the same encoder down to a latent Gaussian (mean and
   * log-variance), a decoder without skips from the latent sample (the mean at inference); landmark
   * heatmaps from the decoder, visibility from the latent mean.
   */
  VAE
}
