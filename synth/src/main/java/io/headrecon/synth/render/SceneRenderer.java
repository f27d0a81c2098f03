package io.headrecon.synth.render;

import io.headrecon.geometry.PinholeCamera;
import java.util.Random;

/**
 * Renders a {@link Scene} as a photograph: z-buffer visibility over supersamples, per-vertex
 * Lambert plus Blinn-Phong shading in linear light under a {@link StudioLighting} (hemispheric
 * ambient partly bounced off the background), the key light's cast shadows looked up per sample in
 * a {@link ShadowMap}, each layer's fine {@link SurfaceDetail} per sample, then the {@link
 * CameraEffects}. Depth and the surface kind come from the centre sample of each pixel, which lies
 * exactly on the pixel centre, so both stay exact and unblended.
 */
public final class SceneRenderer {
  private SceneRenderer() {}

  /**
   * Renders one view.
   *
   * @param camera the output camera (size, intrinsics in pixels, world-to-camera pose in mm)
   * @param shadows the key light's shadow map, or null for no cast shadows
   * @param supersample colour samples per pixel along each axis, odd
   * @param effects what the camera does to the picture
   * @param noise source of the sensor noise
   */
  public static RenderedView render(
      PinholeCamera camera,
      Scene scene,
      StudioLighting lighting,
      ShadowMap shadows,
      Background background,
      int supersample,
      CameraEffects effects,
      Random noise) {
    int s = HeadRenderer.checkSupersample(supersample);
    int w = camera.widthPx();
    int h = camera.heightPx();
    // The background first: its mean colour bounces onto the head.
    float[] bg = new float[3 * w * h];
    float[] rgb = new float[3];
    double[] mean = new double[3];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        background.colorAt(x, y, rgb);
        int o = 3 * (y * w + x);
        for (int k = 0; k < 3; k++) {
          bg[o + k] = rgb[k];
          mean[k] += rgb[k] / (w * h);
        }
      }
    }
    double[] eye = camera.cameraToWorld().translationMm();
    float[][] shaded = shadeVertices(scene, lighting, eye, mean);
    float[] base = shaded[0];
    float[] key = shaded[1];
    PinholeCamera fine = HeadRenderer.supersampled(camera, s);
    Fragments frags = Rasterizer.rasterize(fine, scene.verticesMm(), scene.triangles());
    int fw = fine.widthPx();
    int[] tris = scene.triangles();
    float[] v = scene.verticesMm();
    float[] n = scene.normals();
    float[] amount = scene.detailAmount();
    double[] l = lighting.key().towardsLight();
    float[] surface = new float[3 * w * h];
    float[] coverage = new float[w * h];
    boolean sharpBackground = !background.smoothAtPixelScale();
    float[] bgSamples = sharpBackground ? new float[3 * w * h] : null;
    float sampleWeight = 1f / (s * s);
    SurfaceDetail[] details = new SurfaceDetail[scene.layers().size()];
    for (int i = 0; i < details.length; i++) {
      details[i] = scene.layers().get(i).detail();
    }
    for (int fy = 0; fy < fine.heightPx(); fy++) {
      int py = fy / s;
      for (int fx = 0; fx < fw; fx++) {
        int p = fy * fw + fx;
        int t = frags.triangle[p];
        int pixel = py * w + fx / s;
        int o = 3 * pixel;
        if (t == Fragments.NONE) {
          if (sharpBackground) {
            background.colorAt((fx + 0.5) / s - 0.5, (fy + 0.5) / s - 0.5, rgb);
            bgSamples[o] += rgb[0] * sampleWeight;
            bgSamples[o + 1] += rgb[1] * sampleWeight;
            bgSamples[o + 2] += rgb[2] * sampleWeight;
          }
          continue;
        }
        float b1 = frags.b1[p];
        float b2 = frags.b2[p];
        float b0 = 1 - b1 - b2;
        int ia = tris[3 * t];
        int ib = tris[3 * t + 1];
        int ic = tris[3 * t + 2];
        int a = 3 * ia;
        int b = 3 * ib;
        int c = 3 * ic;
        double x = b0 * v[a] + b1 * v[b] + b2 * v[c];
        double y = b0 * v[a + 1] + b1 * v[b + 1] + b2 * v[c + 1];
        double z = b0 * v[a + 2] + b1 * v[b + 2] + b2 * v[c + 2];
        float lit = 1;
        float kr = b0 * key[a] + b1 * key[b] + b2 * key[c];
        float kg = b0 * key[a + 1] + b1 * key[b + 1] + b2 * key[c + 1];
        float kb = b0 * key[a + 2] + b1 * key[b + 2] + b2 * key[c + 2];
        if (shadows != null && kr + kg + kb > 0) {
          double nx = b0 * n[a] + b1 * n[b] + b2 * n[c];
          double ny = b0 * n[a + 1] + b1 * n[b + 1] + b2 * n[c + 1];
          double nz = b0 * n[a + 2] + b1 * n[b + 2] + b2 * n[c + 2];
          double nl = Math.sqrt(nx * nx + ny * ny + nz * nz);
          double cos = nl > 0 ? Math.abs(nx * l[0] + ny * l[1] + nz * l[2]) / nl : 1;
          double slope = 2 * shadows.mmPerTexel() * Math.min(4, Math.sqrt(1 - cos * cos) / cos);
          lit = shadows.lit(x, y, z, slope);
        }
        float am = b0 * amount[ia] + b1 * amount[ib] + b2 * amount[ic];
        float f = details[scene.layerOf(t)].factor(x, y, z, am) * sampleWeight;
        surface[o] += f * (b0 * base[a] + b1 * base[b] + b2 * base[c] + lit * kr);
        surface[o + 1] += f * (b0 * base[a + 1] + b1 * base[b + 1] + b2 * base[c + 1] + lit * kg);
        surface[o + 2] += f * (b0 * base[a + 2] + b1 * base[b + 2] + b2 * base[c + 2] + lit * kb);
        coverage[pixel] += sampleWeight;
      }
    }
    if (sharpBackground) {
      // bgSamples holds the background's samples weighted by the pixel's uncovered share;
      // turn it into the background's mean over those samples.
      for (int i = 0; i < w * h; i++) {
        float rest = 1 - coverage[i];
        for (int k = 0; k < 3; k++) {
          bg[3 * i + k] = rest > 1e-6 ? bgSamples[3 * i + k] / rest : bg[3 * i + k];
        }
      }
    }
    float[] depth = new float[w * h];
    byte[] surfaces = new byte[w * h];
    int centre = s / 2;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int fx = s * x + centre;
        int fy = s * y + centre;
        depth[y * w + x] = frags.depthAt(fx, fy);
        int t = frags.triangleAt(fx, fy);
        surfaces[y * w + x] =
            t == Fragments.NONE
                ? RenderedView.NO_SURFACE
                : (byte) scene.layers().get(scene.layerOf(t)).surface().ordinal();
      }
    }
    return new RenderedView(effects.develop(surface, coverage, bg, w, h, noise), depth, w, h)
        .withSurfaces(surfaces);
  }

  /**
   * Linear RGB radiance of every vertex seen from {@code eye} (world mm), split in two: {@code [0]}
   * from everything but the key light, {@code [1]} from the key light alone (the part its shadow
   * removes). Both faces of a triangle are lit as the one facing the camera.
   */
  static float[][] shadeVertices(
      Scene scene, StudioLighting lighting, double[] eye, double[] backgroundMean) {
    float[] v = scene.verticesMm();
    float[] n = scene.normals();
    float[] albedo = scene.albedoLinearRgb();
    float[] spec = scene.specular();
    float[] shin = scene.shininess();
    double bounce = lighting.backgroundBounce();
    double skyLevel = mean(lighting.skyAmbientRgb());
    double groundLevel = mean(lighting.groundAmbientRgb());
    double bgLevel = (backgroundMean[0] + backgroundMean[1] + backgroundMean[2]) / 3 + 1e-6;
    double[] sky = new double[3];
    double[] ground = new double[3];
    for (int k = 0; k < 3; k++) {
      // The bounced share keeps the ambient's level and takes the background's hue.
      double hue = backgroundMean[k] / bgLevel;
      sky[k] = (1 - bounce) * lighting.skyAmbientRgb()[k] + bounce * skyLevel * hue;
      ground[k] = (1 - bounce) * lighting.groundAmbientRgb()[k] + bounce * groundLevel * hue;
    }
    float[] cameraLight = lighting.cameraLightRgb();
    int lights = lighting.lights().size();
    float[] base = new float[v.length];
    float[] key = new float[v.length];
    double[] nv = new double[6];
    for (int i = 0; i < v.length / 3; i++) {
      int a = 3 * i;
      double ndv = HeadRenderer.facing(v, n, a, eye, nv);
      double nx = nv[0];
      double ny = nv[1];
      double nz = nv[2];
      double vx = nv[3];
      double vy = nv[4];
      double vz = nv[5];
      double e = shin[i];
      double up = 0.5 + 0.5 * ny;
      double fresnel = 1 + 1.5 * Math.pow(1 - ndv, 5);
      double ks = spec[i] * fresnel;
      double[] diffuse = new double[3];
      double[] specular = new double[3];
      for (int k = 0; k < 3; k++) {
        diffuse[k] = ground[k] + (sky[k] - ground[k]) * up + cameraLight[k] * ndv;
        specular[k] = cameraLight[k] * Math.pow(ndv, e);
      }
      for (int li = 0; li < lights; li++) {
        Lighting.DirectionalLight light = lighting.lights().get(li);
        double[] l = light.towardsLight();
        double ndl = nx * l[0] + ny * l[1] + nz * l[2];
        if (ndl <= 0) {
          continue;
        }
        double hx = l[0] + vx;
        double hy = l[1] + vy;
        double hz = l[2] + vz;
        double hl = Math.sqrt(hx * hx + hy * hy + hz * hz);
        double ndh = hl > 0 ? (nx * hx + ny * hy + nz * hz) / hl : 0;
        double p = ndh > 0 ? Math.pow(ndh, e) * (e + 8) / 32 : 0;
        float[] lc = light.rgb();
        if (li == 0) {
          for (int k = 0; k < 3; k++) {
            key[a + k] = (float) (albedo[a + k] * lc[k] * ndl + ks * lc[k] * p);
          }
        } else {
          for (int k = 0; k < 3; k++) {
            diffuse[k] += lc[k] * ndl;
            specular[k] += lc[k] * p;
          }
        }
      }
      for (int k = 0; k < 3; k++) {
        base[a + k] = (float) (albedo[a + k] * diffuse[k] + ks * specular[k]);
      }
    }
    return new float[][] {base, key};
  }

  private static double mean(float[] rgb) {
    return (rgb[0] + rgb[1] + rgb[2]) / 3.0;
  }
}
