import { accountByCanonicalId } from "../accounts";
import { ApiError } from "../http/api-error";
import { child, children, childText, leaf, node, parseXml } from "../http/xml";
import { isPermission, type Grant } from "./acl";

const XSI = 'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"';
const displayName = (id: string) => accountByCanonicalId(id)?.displayName;

export const ownerXml = (id: string) => node("Owner", leaf("ID", id), leaf("DisplayName", displayName(id)));

export function renderAcl(ownerId: string, acl: Grant[]): string {
  const grants = acl.map((g) => {
    const grantee =
      g.grantee.type === "CanonicalUser"
        ? `<Grantee ${XSI} xsi:type="CanonicalUser">${leaf("ID", g.grantee.id)}${leaf("DisplayName", displayName(g.grantee.id))}</Grantee>`
        : `<Grantee ${XSI} xsi:type="Group">${leaf("URI", g.grantee.uri)}</Grantee>`;
    return node("Grant", grantee, leaf("Permission", g.permission));
  });
  return `<?xml version="1.0" encoding="UTF-8"?><AccessControlPolicy xmlns="http://s3.amazonaws.com/doc/2006-03-01/">${ownerXml(ownerId)}${node("AccessControlList", ...grants)}</AccessControlPolicy>`;
}

/** Parses an AccessControlPolicy request body into grants. */
export function parseAclBody(body: string): Grant[] {
  let doc;
  try {
    doc = parseXml(body);
  } catch {
    throw new ApiError("MalformedACLError", "The XML you provided was not well-formed or did not validate against our published schema.");
  }
  const list = child(doc, "AccessControlList");
  if (doc.name !== "AccessControlPolicy" || !list) throw new ApiError("MalformedACLError", "The XML you provided was not well-formed or did not validate against our published schema.");
  return children(list, "Grant").map((g) => {
    const grantee = child(g, "Grantee");
    const permission = childText(g, "Permission") ?? "";
    if (!grantee || !isPermission(permission)) throw new ApiError("MalformedACLError", "Invalid grant in the ACL.");
    const id = childText(grantee, "ID");
    const uri = childText(grantee, "URI");
    if (id) return { grantee: { type: "CanonicalUser", id }, permission };
    if (uri) return { grantee: { type: "Group", uri }, permission };
    throw new ApiError("UnresolvableGrantByEmailAddress", "The lab supports canonical-id and group grantees only.");
  });
}
