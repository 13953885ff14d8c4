// placeholder
export async function generate() {}
