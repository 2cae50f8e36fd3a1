// Where a protobuf file breaks. protobufjs often reports only "index out of range" when a nested
// message overruns its parent, without a position; this walks the wire format against the schema
// (iteratively: a stack of message frames) and returns the byte offset of the first field that
// cannot be read. Run only on bytes the decoder already rejected.
import type protobuf from 'protobufjs';

export interface WireDamage {
  offset: number;
  message: string;
}

interface Frame {
  type: protobuf.Type;
  end: number;
}

function readVarint(bytes: Uint8Array, at: number, end: number): { value: number; next: number } | null {
  let value = 0;
  let scale = 1;
  for (let i = at; i < end && i < at + 10; i++) {
    const byte = bytes[i]!;
    value += (byte & 0x7f) * scale;
    scale *= 128;
    if ((byte & 0x80) === 0) return { value, next: i + 1 };
  }
  return null;
}

export function findProtobufDamage(bytes: Uint8Array, root: protobuf.Type): WireDamage | null {
  root.root.resolveAll(); // fills field.resolvedType, which the walk follows into nested messages
  const stack: Frame[] = [{ type: root, end: bytes.length }];
  let pos = 0;
  while (stack.length) {
    const frame = stack[stack.length - 1]!;
    if (pos === frame.end) {
      stack.pop();
      continue;
    }
    const fieldStart = pos;
    const tag = readVarint(bytes, pos, frame.end);
    if (!tag)
      return {
        offset: fieldStart,
        message: `a field tag runs past the end of its ${frame.type.name} message`,
      };
    pos = tag.next;
    const wireType = tag.value % 8;
    const field = frame.type.fieldsById[Math.floor(tag.value / 8)];
    let size: number;
    if (wireType === 0) {
      const v = readVarint(bytes, pos, frame.end);
      if (!v) return { offset: pos, message: `a number runs past the end of its ${frame.type.name} message` };
      size = v.next - pos;
    } else if (wireType === 1) size = 8;
    else if (wireType === 5) size = 4;
    else if (wireType === 2) {
      const length = readVarint(bytes, pos, frame.end);
      if (!length)
        return { offset: pos, message: `a length runs past the end of its ${frame.type.name} message` };
      pos = length.next;
      size = length.value;
      if (pos + size > frame.end && frame.end === bytes.length) {
        // Every enclosing message fits, so nothing is wrong but the length: the file was cut short.
        return {
          offset: bytes.length,
          message: `the file ends ${pos + size - bytes.length} bytes early, inside ${field ? `field "${field.name}"` : 'a field'} of ${frame.type.name} that starts at byte ${fieldStart} (was it cut short?)`,
        };
      }
      if (pos + size > frame.end) {
        return {
          offset: fieldStart,
          message: `${field ? `field "${field.name}"` : 'a field'} of ${frame.type.name} claims ${size} bytes, but only ${frame.end - pos} remain`,
        };
      }
      const nested = field?.resolvedType;
      if (nested && 'fieldsById' in nested) {
        stack.push({ type: nested as protobuf.Type, end: pos + size });
        continue;
      }
    } else
      return { offset: fieldStart, message: `wire type ${wireType} is not valid (field tag ${tag.value})` };
    if (pos + size > frame.end)
      return { offset: fieldStart, message: `a value runs past the end of its ${frame.type.name} message` };
    pos += size;
  }
  return null;
}
