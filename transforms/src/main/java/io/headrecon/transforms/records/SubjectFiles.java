package io.headrecon.transforms.records;

import java.util.List;
import org.apache.beam.sdk.coders.DefaultCoder;

/**
 * The files of one subject found under the input prefix.
 *
 * @param subjectId the subject folder's name
 * @param folderUri the subject folder, ending in '/'
 * @param imageUris the view images ({@code <viewId>.(png|jpg|jpeg|tif|tiff)}), sorted, one per view
 *     id
 * @param manifestUri {@code manifest.json} in the folder, or null when there is none
 */
@DefaultCoder(SubjectFilesCoder.class)
public record SubjectFiles(
    String subjectId, String folderUri, List<String> imageUris, String manifestUri) {

  /** The view id of an image URI: its file name without the extension. */
  public static String viewIdOf(String imageUri) {
    String name = imageUri.substring(imageUri.lastIndexOf('/') + 1);
    int dot = name.lastIndexOf('.');
    return dot < 0 ? name : name.substring(0, dot);
  }
}
