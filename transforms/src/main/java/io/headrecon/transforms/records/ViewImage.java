package io.headrecon.transforms.records;

import io.headrecon.proto.View;
import io.headrecon.transforms.image.RgbImage;
import org.apache.beam.sdk.coders.DefaultCoder;

/**
 * One decoded photo of one subject.
 *
 * @param view the manifest's view (camera, yaw, ground truth with URIs resolved to absolute), or
 *     one built with the default camera when the subject has no manifest entry for it
 * @param image the decoded 8-bit RGB pixels
 */
@DefaultCoder(ViewImageCoder.class)
public record ViewImage(View view, RgbImage image) {
  public String subjectId() {
    return view.getSubjectId();
  }

  public String viewId() {
    return view.getViewId();
  }
}
