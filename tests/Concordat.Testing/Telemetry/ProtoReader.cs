using System.Text;

namespace Concordat.Testing.Telemetry;

/// <summary>Reads protobuf's wire format: field tags, varints, length-delimited bytes; skips the rest.</summary>
internal ref struct ProtoReader(ReadOnlySpan<byte> data)
{
    public const int Varint = 0;
    public const int Fixed64 = 1;
    public const int LengthDelimited = 2;
    public const int Fixed32 = 5;

    private readonly ReadOnlySpan<byte> _data = data;
    private int _position;

    public bool Next(out int field, out int wireType)
    {
        if (_position >= _data.Length)
        {
            field = wireType = 0;
            return false;
        }

        var tag = ReadVarint();
        field = (int)(tag >> 3);
        wireType = (int)(tag & 7);
        return true;
    }

    public ulong ReadVarintValue() => ReadVarint();

    public ReadOnlySpan<byte> Bytes()
    {
        var length = checked((int)ReadVarint());
        var bytes = _data.Slice(_position, length);
        _position += length;
        return bytes;
    }

    public string String() => Encoding.UTF8.GetString(Bytes());

    public void Skip(int wireType)
    {
        switch (wireType)
        {
            case Varint:
                ReadVarint();
                break;
            case Fixed64:
                _position += 8;
                break;
            case LengthDelimited:
                Bytes();
                break;
            case Fixed32:
                _position += 4;
                break;
            default:
                throw new InvalidDataException($"Unsupported protobuf wire type {wireType}.");
        }
    }

    private ulong ReadVarint()
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = _data[_position++];
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }

        throw new InvalidDataException("Malformed varint.");
    }
}
