/** Shortens the data-source references of partition, account and region in permission lines. */
export function readable(line: string): string {
  return line
    .replaceAll('${data.aws_partition.partition.partition}', '{partition}')
    .replaceAll('${data.aws_caller_identity.caller.account_id}', '{account}')
    .replaceAll('${var.region}', '{region}')
    .replaceAll('${var.name_prefix}', '{prefix}');
}
