package io.headrecon.transforms.records;

import io.headrecon.proto.View;
import io.headrecon.transforms.image.RgbImage;
import java.io.Serializable;

/**
 * One decoded photo of one subject.
 *
 * @param view the manifest's view (camera, yaw, ground truth with URIs resolved to absolute), or
 *     one built with the default camera when the subject has no manifest entry for it
 * @param image the decoded 8-bit RGB pixels
 */
public record ViewImage(View view, RgbImage image) implements Serializable {
  public String subjectId() {
    return view.getSubjectId();
  }

  public String viewId() {
    return view.getViewId();
  }
}
