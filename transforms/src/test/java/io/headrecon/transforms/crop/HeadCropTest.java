package io.headrecon.transforms.crop;

import static org.junit.Assert.assertEquals;

import io.headrecon.geometry.PinholeCamera;
import io.headrecon.model.ProtoGeometry;
import io.headrecon.proto.Camera;
import io.headrecon.proto.Intrinsics;
import io.headrecon.transforms.image.RgbImage;
import java.util.Random;
import org.junit.Test;

/** A crop's camera sees every point where the crop's pixels show it. */
public class HeadCropTest {
  private static final Intrinsics PHOTO =
      Intrinsics.newBuilder()
          .setFxPx(2400)
          .setFyPx(2380)
          .setCxPx(1010.3)
          .setCyPx(760.8)
          .setWidthPx(2000)
          .setHeightPx(1500)
          .build();

  @Test
  public void theCropsIntrinsicsProjectWhereTheCropMapsThePhotosPixels() {
    Random random = new Random(14);
    for (HeadCrop crop :
        new HeadCrop[] {
          new HeadCrop(700, 300, 611), new HeadCrop(-120, -40, 900), new HeadCrop(1500, 1200, 97)
        }) {
      PinholeCamera photo = ProtoGeometry.camera(Camera.newBuilder().setIntrinsics(PHOTO).build());
      PinholeCamera cropped =
          ProtoGeometry.camera(
              Camera.newBuilder().setIntrinsics(crop.intrinsics(PHOTO, 180)).build());
      for (int i = 0; i < 50; i++) {
        double x = 300 * (2 * random.nextDouble() - 1);
        double y = 300 * (2 * random.nextDouble() - 1);
        double z = 800 + 600 * random.nextDouble();
        double[] p = new double[3];
        double[] c = new double[3];
        photo.projectCamera(x, y, z, p);
        cropped.projectCamera(x, y, z, c);
        double[] mapped = crop.toCrop(p[0], p[1], 180);
        assertEquals(mapped[0], c[0], 1e-9);
        assertEquals(mapped[1], c[1], 1e-9);
        double[] back = crop.toPhoto(c[0], c[1], 180);
        assertEquals(p[0], back[0], 1e-9);
        assertEquals(p[1], back[1], 1e-9);
      }
    }
  }

  @Test
  public void aShrunkCropIsTheMeanOfThePixelsUnderEachOutputPixel() {
    // Stripes of 255, 0, 0 columns, cropped 540 px wide into 180: each output pixel covers three
    // columns, one of them bright.
    int w = 600;
    int h = 600;
    int[] px = new int[w * h];
    for (int i = 0; i < px.length; i++) {
      px[i] = (i % w) % 3 == 0 ? 0xffffff : 0;
    }
    RgbImage out = new HeadCrop(30, 30, 540).resample(new RgbImage(w, h, px), 180);
    for (int i = 0; i < out.packedRgb().length; i++) {
      assertEquals(85, out.packedRgb()[i] & 0xff);
    }
  }
}
