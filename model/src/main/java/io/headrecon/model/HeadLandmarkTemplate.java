package io.headrecon.model;

import io.headrecon.geometry.Landmarks3d;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The average adult head's 68 landmarks (Multi-PIE order), millimetres, in the head frame of the
 * network's training data (ICT-FaceKit's neutral identity: the mean of its identity model; origin
 * at the head origin that the network's depth is relative to, +y up, +z out of the face). It is the
 * head-size prior of {@link io.headrecon.geometry.multiview.ReferenceDepth#fromHeadSize}: photos of
 * one camera alone are put at the distance where their landmarks have this size. The file is
 * written by synth's {@code HeadLandmarkTemplateTest}, which checks it against the face model.
 */
public final class HeadLandmarkTemplate {
  /** Classpath location of the template. */
  public static final String RESOURCE = "/io/headrecon/model/head-landmarks-mm.csv";

  /** What metrics.json says about the prior when a subject's scale rests on it. */
  public static final String ASSUMPTION =
      "head size: the ICT-FaceKit mean adult head (landmarks in "
          + RESOURCE
          + "); a head 10 % larger than average comes out 10 % too near and too small";

  private static final Landmarks3d STANDARD = load();

  private HeadLandmarkTemplate() {}

  /** The template, all 68 landmarks visible. */
  public static Landmarks3d standard() {
    return STANDARD;
  }

  private static Landmarks3d load() {
    int n = DepthNetContract.LANDMARK_COUNT;
    double[] mm = new double[3 * n];
    boolean[] seen = new boolean[n];
    try (InputStream in = HeadLandmarkTemplate.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing classpath resource " + RESOURCE);
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.isBlank() || line.startsWith("#") || line.startsWith("index")) {
          continue;
        }
        String[] f = line.split(",");
        int k = Integer.parseInt(f[0].trim());
        for (int a = 0; a < 3; a++) {
          mm[3 * k + a] = Double.parseDouble(f[1 + a].trim());
        }
        seen[k] = true;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
    for (int k = 0; k < n; k++) {
      if (!seen[k]) {
        throw new IllegalStateException(RESOURCE + " lacks landmark " + k);
      }
    }
    return Landmarks3d.of(mm, seen);
  }
}
