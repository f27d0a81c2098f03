package io.headrecon.training.net;

import java.util.Arrays;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * Sizes of a {@link DepthNet}.
 *
 * @param architecture U-Net or VAE
 * @param widths channels at each of the 6 scales: 192, 96, 48, 24, 12 and 6 px (padded input)
 * @param latentSize VAE latent dimension (unused by the U-Net)
 * @param landmarkHidden hidden units of the landmark visibility head
 */
public record NetConfig(
    Architecture architecture, int[] widths, int latentSize, int landmarkHidden) {

  /** Number of scales; the coarsest is {@code 192 / 2^(SCALES-1) = 6} px. */
  public static final int SCALES = 6;

  public NetConfig {
    if (widths.length != SCALES) {
      throw new IllegalArgumentException(
          "widths needs " + SCALES + " values (one per scale), got " + widths.length);
    }
    for (int w : widths) {
      if (w <= 0) {
        throw new IllegalArgumentException("widths must be positive: " + Arrays.toString(widths));
      }
    }
    widths = widths.clone();
  }

  /** The default model's size. */
  public static NetConfig standard(Architecture architecture) {
    return new NetConfig(architecture, new int[] {8, 24, 48, 64, 96, 128}, 128, 256);
  }

  /** This configuration with other widths, given as a comma-separated list such as "8,24,48". */
  public NetConfig withWidths(String commaSeparated) {
    return new NetConfig(architecture, parseWidths(commaSeparated), latentSize, landmarkHidden);
  }

  private static int[] parseWidths(String commaSeparated) {
    return Arrays.stream(commaSeparated.split(",")).mapToInt(Integer::parseInt).toArray();
  }

  /** A tiny network for unit tests. */
  public static NetConfig tiny(Architecture architecture) {
    return new NetConfig(architecture, new int[] {2, 3, 4, 4, 4, 4}, 8, 8);
  }

  @Override
  public int[] widths() {
    return widths.clone();
  }

  /** Writes the sizes into {@code p} (for checkpoints). */
  public void store(Properties p) {
    p.setProperty("architecture", architecture.name());
    p.setProperty(
        "widths",
        Arrays.stream(widths).mapToObj(Integer::toString).collect(Collectors.joining(",")));
    p.setProperty("latentSize", Integer.toString(latentSize));
    p.setProperty("landmarkHidden", Integer.toString(landmarkHidden));
  }

  /** Reads sizes written by {@link #store}. */
  public static NetConfig load(Properties p) {
    return new NetConfig(
        Architecture.valueOf(p.getProperty("architecture")),
        parseWidths(p.getProperty("widths")),
        Integer.parseInt(p.getProperty("latentSize")),
        Integer.parseInt(p.getProperty("landmarkHidden")));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NetConfig c
        && c.architecture == architecture
        && Arrays.equals(c.widths, widths)
        && c.latentSize == latentSize
        && c.landmarkHidden == landmarkHidden;
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(widths) * 31 + architecture.hashCode() + latentSize + landmarkHidden;
  }

  @Override
  public String toString() {
    return architecture
        + " widths="
        + Arrays.toString(widths)
        + " latent="
        + latentSize
        + " landmarkHidden="
        + landmarkHidden;
  }
}
