/**
 * LinkedIn's "Add to profile" link for a certification, with the fields its form takes.
 * @see https://addtoprofile.linkedin.com/ (startTask=CERTIFICATION_NAME)
 */
export function linkedInAddToProfileUrl(fields: { name: string; organizationName: string | null; issuedAt: Date; certUrl: string; certId: string | null }): string {
  const url = new URL('https://www.linkedin.com/profile/add');
  url.searchParams.set('startTask', 'CERTIFICATION_NAME');
  url.searchParams.set('name', fields.name);
  if (fields.organizationName) url.searchParams.set('organizationName', fields.organizationName);
  url.searchParams.set('issueYear', String(fields.issuedAt.getUTCFullYear()));
  url.searchParams.set('issueMonth', String(fields.issuedAt.getUTCMonth() + 1));
  url.searchParams.set('certUrl', fields.certUrl);
  if (fields.certId) url.searchParams.set('certId', fields.certId);
  return url.href;
}
