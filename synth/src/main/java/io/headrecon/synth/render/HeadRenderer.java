package io.headrecon.synth.render;

import io.headrecon.geometry.PinholeCamera;
import java.awt.image.BufferedImage;
import java.util.Random;

/**
 * Renders a {@link RenderMesh}: z-buffer visibility, Lambert plus Blinn-Phong shading in linear
 * light (per vertex, interpolated perspective-correctly), a procedural background, and anti-aliased
 * colour by supersampling. Colour is the mean of {@code s × s} samples per pixel ({@code s} odd);
 * depth is taken from the centre sample, which lies exactly on the pixel centre, so depth stays
 * exact and unblended.
 */
public final class HeadRenderer {
  private static final int SRGB_LUT_SIZE = 4096;
  private static final float[] SRGB_LUT = new float[SRGB_LUT_SIZE + 1];

  static {
    for (int i = 0; i <= SRGB_LUT_SIZE; i++) {
      double lin = i / (double) SRGB_LUT_SIZE;
      double srgb = lin <= 0.0031308 ? 12.92 * lin : 1.055 * Math.pow(lin, 1 / 2.4) - 0.055;
      SRGB_LUT[i] = (float) (255 * srgb);
    }
  }

  private HeadRenderer() {}

  /**
   * Renders one view.
   *
   * @param camera the output camera (size, intrinsics in pixels, world-to-camera pose in mm)
   * @param supersample samples per pixel along each axis, odd (1 = no anti-aliasing)
   * @param noiseSigma8bit standard deviation of Gaussian sensor noise added to the 8-bit image
   * @param noiseRandom source of the noise (used only when the sigma is positive)
   */
  public static RenderedView render(
      PinholeCamera camera,
      RenderMesh mesh,
      Lighting lighting,
      Background background,
      int supersample,
      double noiseSigma8bit,
      Random noiseRandom) {
    int s = HeadRenderer.checkSupersample(supersample);
    int w = camera.widthPx();
    int h = camera.heightPx();
    PinholeCamera fine = supersampled(camera, s);
    Fragments frags = Rasterizer.rasterize(fine, mesh.verticesMm(), mesh.triangles());
    int fw = fine.widthPx();
    float[] acc = new float[3 * w * h];
    float[] rgb = new float[3];
    float[] vertexRgb =
        Shader.shadeVertices(mesh, lighting, camera.cameraToWorld().translationMm());
    int[] tris = mesh.triangles();
    boolean smoothBackground = background.smoothAtPixelScale();
    float[] pixelBackground = new float[3 * w * h];
    boolean[] pixelBackgroundDone = new boolean[w * h];
    for (int fy = 0; fy < fine.heightPx(); fy++) {
      int py = fy / s;
      double yPx = (fy + 0.5) / s - 0.5;
      for (int fx = 0; fx < fw; fx++) {
        int p = fy * fw + fx;
        int t = frags.triangle[p];
        int pixel = py * w + fx / s;
        int o = 3 * pixel;
        if (t == Fragments.NONE) {
          if (smoothBackground) {
            if (!pixelBackgroundDone[pixel]) {
              background.colorAt(fx / s, py, rgb);
              pixelBackground[o] = rgb[0];
              pixelBackground[o + 1] = rgb[1];
              pixelBackground[o + 2] = rgb[2];
              pixelBackgroundDone[pixel] = true;
            }
            acc[o] += pixelBackground[o];
            acc[o + 1] += pixelBackground[o + 1];
            acc[o + 2] += pixelBackground[o + 2];
          } else {
            background.colorAt((fx + 0.5) / s - 0.5, yPx, rgb);
            acc[o] += rgb[0];
            acc[o + 1] += rgb[1];
            acc[o + 2] += rgb[2];
          }
        } else {
          float b1 = frags.b1[p];
          float b2 = frags.b2[p];
          float b0 = 1 - b1 - b2;
          int a = 3 * tris[3 * t];
          int b = 3 * tris[3 * t + 1];
          int c = 3 * tris[3 * t + 2];
          acc[o] += b0 * vertexRgb[a] + b1 * vertexRgb[b] + b2 * vertexRgb[c];
          acc[o + 1] += b0 * vertexRgb[a + 1] + b1 * vertexRgb[b + 1] + b2 * vertexRgb[c + 1];
          acc[o + 2] += b0 * vertexRgb[a + 2] + b1 * vertexRgb[b + 2] + b2 * vertexRgb[c + 2];
        }
      }
    }
    BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    float norm = 1f / (s * s);
    boolean noisy = noiseSigma8bit > 0;
    float[] depth = new float[w * h];
    int centre = s / 2;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int o = 3 * (y * w + x);
        int packed = 0;
        for (int k = 0; k < 3; k++) {
          double v = encode(acc[o + k] * norm);
          if (noisy) {
            v += noiseSigma8bit * noiseRandom.nextGaussian();
          }
          int c = (int) Math.round(v);
          c = c < 0 ? 0 : c > 255 ? 255 : c;
          packed = (packed << 8) | c;
        }
        image.setRGB(x, y, packed);
        depth[y * w + x] = frags.depthAt(s * x + centre, s * y + centre);
      }
    }
    return new RenderedView(image, depth, w, h);
  }

  /** {@code supersample} when it is odd and positive. */
  static int checkSupersample(int supersample) {
    if (supersample < 1 || supersample % 2 == 0) {
      throw new IllegalArgumentException("supersample must be odd and positive: " + supersample);
    }
    return supersample;
  }

  /**
   * The camera whose pixel centres are the sample positions of {@code s × s} supersampling: pixel
   * (x, y) of {@code camera} covers samples {@code s·x … s·x+s-1}; for odd {@code s} the middle one
   * lies on the pixel centre.
   */
  public static PinholeCamera supersampled(PinholeCamera camera, int s) {
    return PinholeCamera.of(
        camera.fxPx() * s,
        camera.fyPx() * s,
        (camera.cxPx() + 0.5) * s - 0.5,
        (camera.cyPx() + 0.5) * s - 0.5,
        camera.widthPx() * s,
        camera.heightPx() * s,
        camera.worldToCamera());
  }

  private static double encode(float linear) {
    float x = linear <= 0 ? 0 : linear >= 1 ? 1 : linear;
    float f = x * SRGB_LUT_SIZE;
    int i = (int) f;
    if (i >= SRGB_LUT_SIZE) {
      return SRGB_LUT[SRGB_LUT_SIZE];
    }
    float t = f - i;
    return SRGB_LUT[i] + t * (SRGB_LUT[i + 1] - SRGB_LUT[i]);
  }

  /**
   * Fills {@code nv} with vertex {@code a}'s unit normal, turned to face {@code eye} when it faces
   * away (a surface seen from behind is lit on the side facing the camera), and the unit direction
   * from the vertex to the eye; returns their dot product (at least 0).
   */
  static double facing(float[] v, float[] n, int a, double[] eye, double[] nv) {
    double nx = n[a];
    double ny = n[a + 1];
    double nz = n[a + 2];
    double vx = eye[0] - v[a];
    double vy = eye[1] - v[a + 1];
    double vz = eye[2] - v[a + 2];
    double vl = Math.sqrt(vx * vx + vy * vy + vz * vz);
    vx /= vl;
    vy /= vl;
    vz /= vl;
    double ndv = nx * vx + ny * vy + nz * vz;
    if (ndv < 0) {
      nx = -nx;
      ny = -ny;
      nz = -nz;
      ndv = -ndv;
    }
    nv[0] = nx;
    nv[1] = ny;
    nv[2] = nz;
    nv[3] = vx;
    nv[4] = vy;
    nv[5] = vz;
    return ndv;
  }

  /**
   * Lambert + Blinn-Phong per vertex (Gouraud shading): at the renders' scale a vertex covers about
   * a pixel, so shading vertices and interpolating is as good as shading samples and much cheaper.
   */
  private static final class Shader {
    private Shader() {}

    /** Linear RGB radiance of every vertex seen from {@code eye} (world mm). */
    static float[] shadeVertices(RenderMesh mesh, Lighting lighting, double[] eye) {
      float[] v = mesh.verticesMm();
      float[] n = mesh.normals();
      float[] albedo = mesh.appearance().albedoLinearRgb();
      float[] spec = mesh.appearance().specular();
      float[] shin = mesh.appearance().shininess();
      float[] ambient = lighting.ambientRgb();
      float[] cameraLight = lighting.cameraLightRgb();
      int lights = lighting.lights().size();
      float[] out = new float[v.length];
      double[] nv = new double[6];
      for (int i = 0; i < v.length / 3; i++) {
        int a = 3 * i;
        double ndv = facing(v, n, a, eye, nv);
        double nx = nv[0];
        double ny = nv[1];
        double nz = nv[2];
        double vx = nv[3];
        double vy = nv[4];
        double vz = nv[5];
        double e = shin[i];
        double dr = ambient[0] + cameraLight[0] * ndv;
        double dg = ambient[1] + cameraLight[1] * ndv;
        double db = ambient[2] + cameraLight[2] * ndv;
        double sp = Math.pow(ndv, e);
        double sr = cameraLight[0] * sp;
        double sg = cameraLight[1] * sp;
        double sb = cameraLight[2] * sp;
        for (int k = 0; k < lights; k++) {
          Lighting.DirectionalLight light = lighting.lights().get(k);
          double[] l = light.towardsLight();
          double ndl = nx * l[0] + ny * l[1] + nz * l[2];
          if (ndl <= 0) {
            continue;
          }
          float[] lc = light.rgb();
          dr += lc[0] * ndl;
          dg += lc[1] * ndl;
          db += lc[2] * ndl;
          double hx = l[0] + vx;
          double hy = l[1] + vy;
          double hz = l[2] + vz;
          double hl = Math.sqrt(hx * hx + hy * hy + hz * hz);
          double ndh = hl > 0 ? (nx * hx + ny * hy + nz * hz) / hl : 0;
          if (ndh > 0) {
            double p = Math.pow(ndh, e);
            sr += lc[0] * p;
            sg += lc[1] * p;
            sb += lc[2] * p;
          }
        }
        double ks = spec[i];
        out[a] = (float) (albedo[a] * dr + ks * sr);
        out[a + 1] = (float) (albedo[a + 1] * dg + ks * sg);
        out[a + 2] = (float) (albedo[a + 2] * db + ks * sb);
      }
      return out;
    }
  }
}
