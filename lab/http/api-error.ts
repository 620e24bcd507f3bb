/**
 * An AWS-shaped failure. Handlers throw it; each protocol (Query XML, JSON, S3 XML) renders it
 * the way that service does, so the SDK maps `code` to the same exception class it would on AWS.
 */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
    /** Extra S3 <Error> members such as Key or BucketName. */
    readonly extra: Record<string, string> = {},
  ) {
    super(message);
    this.name = "ApiError";
  }

  /** "Sender" for 4xx, "Receiver" for 5xx, as in AWS's <Error><Type>. */
  get faultType(): "Sender" | "Receiver" {
    return this.status >= 500 ? "Receiver" : "Sender";
  }
}

export const missingParameter = (name: string) =>
  new ApiError("MissingParameter", `The request must contain the parameter ${name}`);

export const invalidParameterValue = (message: string) => new ApiError("InvalidParameterValue", message);
