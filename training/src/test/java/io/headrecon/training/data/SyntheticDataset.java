package io.headrecon.training.data;

import io.headrecon.geometry.PinholeCamera;
import io.headrecon.proto.Camera;
import io.headrecon.proto.Extrinsics;
import io.headrecon.proto.Intrinsics;
import io.headrecon.proto.Landmark;
import io.headrecon.proto.Landmarks;
import io.headrecon.proto.ProtoJson;
import io.headrecon.proto.SubjectManifest;
import io.headrecon.proto.View;
import io.headrecon.proto.ViewGroundTruth;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * A tiny seeded stand-in for the generated dataset, in the same folder layout and manifest format:
 * each subject is a textured ellipsoid head at the world origin, photographed at 600 mm from
 * several yaws; depth, mask and 68 surface landmarks are exact.
 */
public final class SyntheticDataset {
  private SyntheticDataset() {}

  /** Depth PNG scale, millimetres per unit. */
  public static final double DEPTH_SCALE_MM = 0.05;

  /** Camera distance to the head origin, millimetres. */
  public static final double DISTANCE_MM = 600;

  /**
   * Writes {@code splits.length} subjects under {@code root}, subject i in split {@code splits[i]},
   * one view per yaw.
   */
  public static void write(Path root, String[] splits, int[] yawsDeg, long seed)
      throws IOException {
    Random random = new Random(seed);
    for (int s = 0; s < splits.length; s++) {
      String subjectId = String.format(Locale.ROOT, "s%03d", s);
      Path folder = root.resolve(subjectId);
      Files.createDirectories(folder.resolve("gt"));
      double[] axes = {
        72 + 8 * random.nextDouble(), 95 + 10 * random.nextDouble(), 88 + 8 * random.nextDouble()
      };
      double hue = random.nextDouble();
      SubjectManifest.Builder manifest =
          SubjectManifest.newBuilder().setSubjectId(subjectId).setSplit(splits[s]);
      for (int yaw : yawsDeg) {
        manifest.addViews(renderView(folder, subjectId, yaw, axes, hue, random));
      }
      Files.writeString(folder.resolve("manifest.json"), ProtoJson.toJson(manifest.build()));
    }
  }

  private static View renderView(
      Path folder, String subjectId, int yawDeg, double[] axes, double hue, Random random)
      throws IOException {
    String viewId =
        String.format(Locale.ROOT, "yaw_%s%03d", yawDeg < 0 ? "m" : "p", Math.abs(yawDeg));
    int size = 180;
    double yaw = Math.toRadians(yawDeg);
    double[] eye = {DISTANCE_MM * Math.sin(yaw), 0, DISTANCE_MM * Math.cos(yaw)};
    PinholeCamera camera =
        PinholeCamera.lookAt(430, size, size, eye, new double[] {0, 0, 0}, new double[] {0, 1, 0});
    BufferedImage rgb = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
    BufferedImage depth = new BufferedImage(size, size, BufferedImage.TYPE_USHORT_GRAY);
    BufferedImage mask = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_GRAY);
    double[] r = camera.worldToCamera().rotation();
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        double[] dc = {(x - camera.cxPx()) / camera.fxPx(), (y - camera.cyPx()) / camera.fyPx(), 1};
        double[] d = new double[3]; // world direction = R^T dc
        for (int i = 0; i < 3; i++) {
          d[i] = r[i] * dc[0] + r[3 + i] * dc[1] + r[6 + i] * dc[2];
        }
        double t = intersect(eye, d, axes);
        int background = 90 + random.nextInt(20);
        if (t > 0) {
          double[] p = {eye[0] + t * d[0], eye[1] + t * d[1], eye[2] + t * d[2]};
          double[] n = {
            p[0] / (axes[0] * axes[0]), p[1] / (axes[1] * axes[1]), p[2] / (axes[2] * axes[2])
          };
          double norm = Math.sqrt(n[0] * n[0] + n[1] * n[1] + n[2] * n[2]);
          double shade = Math.max(0.2, (n[0] * 0.3 + n[1] * 0.5 + n[2] * 0.8) / norm);
          double stripe = 0.8 + 0.2 * Math.sin(p[1] / 8.0) * Math.cos(p[0] / 11.0);
          int red = clamp(255 * shade * stripe * (0.7 + 0.3 * hue));
          int green = clamp(190 * shade * stripe);
          int blue = clamp(150 * shade * stripe * (1.0 - 0.3 * hue));
          rgb.setRGB(x, y, (red << 16) | (green << 8) | blue);
          depth.getRaster().setSample(x, y, 0, (int) Math.round(t / DEPTH_SCALE_MM));
          mask.getRaster().setSample(x, y, 0, 255);
        } else {
          rgb.setRGB(x, y, (background << 16) | (background << 8) | background);
        }
      }
    }
    ImageIO.write(rgb, "png", folder.resolve(viewId + ".png").toFile());
    ImageIO.write(depth, "png", folder.resolve("gt/" + viewId + "_depth.png").toFile());
    ImageIO.write(mask, "png", folder.resolve("gt/" + viewId + "_mask.png").toFile());

    Landmarks.Builder landmarks = Landmarks.newBuilder();
    for (int k = 0; k < 68; k++) {
      double lon = Math.toRadians(-70 + 140.0 * (k % 17) / 16.0);
      double lat = Math.toRadians(-45 + 20.0 * (k / 17));
      double[] p = {
        axes[0] * Math.sin(lon) * Math.cos(lat),
        -axes[1] * Math.sin(lat),
        axes[2] * Math.cos(lon) * Math.cos(lat)
      };
      double[] px = camera.projectWorld(p);
      double[] n = {
        p[0] / (axes[0] * axes[0]), p[1] / (axes[1] * axes[1]), p[2] / (axes[2] * axes[2])
      };
      double facing = n[0] * (eye[0] - p[0]) + n[1] * (eye[1] - p[1]) + n[2] * (eye[2] - p[2]);
      landmarks.addPoints(
          Landmark.newBuilder()
              .setXPx((float) px[0])
              .setYPx((float) px[1])
              .setDepthMm((float) px[2])
              .setVisible(facing > 0 && camera.contains(px[0], px[1])));
    }
    Extrinsics.Builder extrinsics = Extrinsics.newBuilder();
    for (double v : camera.worldToCamera().rotation()) {
      extrinsics.addRotationWorldToCamera(v);
    }
    for (double v : camera.worldToCamera().translationMm()) {
      extrinsics.addTranslationWorldToCameraMm(v);
    }
    return View.newBuilder()
        .setSubjectId(subjectId)
        .setViewId(viewId)
        .setYawDeg(yawDeg)
        .setImageUri(viewId + ".png")
        .setCamera(
            Camera.newBuilder()
                .setIntrinsics(
                    Intrinsics.newBuilder()
                        .setFxPx(camera.fxPx())
                        .setFyPx(camera.fyPx())
                        .setCxPx(camera.cxPx())
                        .setCyPx(camera.cyPx())
                        .setWidthPx(size)
                        .setHeightPx(size))
                .setExtrinsics(extrinsics))
        .setGroundTruth(
            ViewGroundTruth.newBuilder()
                .setDepthUri("gt/" + viewId + "_depth.png")
                .setDepthScaleMmPerUnit(DEPTH_SCALE_MM)
                .setMaskUri("gt/" + viewId + "_mask.png")
                .setLandmarks(landmarks))
        .build();
  }

  /** Ray parameter of the first hit of eye + t d with the ellipsoid, or -1. */
  private static double intersect(double[] eye, double[] d, double[] axes) {
    double a = 0;
    double b = 0;
    double c = -1;
    for (int i = 0; i < 3; i++) {
      double e = eye[i] / axes[i];
      double f = d[i] / axes[i];
      a += f * f;
      b += 2 * e * f;
      c += e * e;
    }
    double disc = b * b - 4 * a * c;
    return disc < 0 ? -1 : (-b - Math.sqrt(disc)) / (2 * a);
  }

  private static int clamp(double v) {
    return (int) Math.max(0, Math.min(255, Math.round(v)));
  }
}
