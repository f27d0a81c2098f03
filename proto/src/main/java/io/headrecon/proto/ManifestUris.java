package io.headrecon.proto;

/**
 * Resolution of the URIs inside a subject manifest. A URI with a scheme ({@code gs://}, {@code
 * s3://}, {@code file:/…}) or an absolute local path is used as is; any other URI (e.g. {@code
 * "yaw_p030.png"} or {@code "gt/mesh.ply"}) is relative to the directory holding the manifest.
 */
public final class ManifestUris {
  private ManifestUris() {}

  /**
   * Resolves {@code uri} found in the manifest at {@code manifestUri}.
   *
   * @param manifestUri where the manifest was read, e.g. {@code
   *     gs://b/ds/subject-0001/manifest.json}
   * @param uri a URI from the manifest
   */
  public static String resolve(String manifestUri, String uri) {
    if (uri == null || uri.isEmpty()) {
      throw new ContractViolationException(manifestUri + ": empty URI in the manifest");
    }
    if (isAbsolute(uri)) {
      return uri;
    }
    int slash = manifestUri.lastIndexOf('/');
    String dir = slash < 0 ? "" : manifestUri.substring(0, slash + 1);
    return dir + uri;
  }

  /** Whether {@code uri} has a scheme (also a Windows drive letter) or is an absolute path. */
  public static boolean isAbsolute(String uri) {
    return uri.startsWith("/") || uri.matches("^[A-Za-z][A-Za-z0-9+.-]*:.*");
  }
}
