using System.Text;

namespace Pipeline.Core.Types;

/// <summary>
/// Recursive-descent parser for DuckDB's type text: <c>name[(args)]</c>, <c>STRUCT(f T, ...)</c>,
/// <c>UNION(...)</c>, <c>MAP(K, V)</c>, and any number of <c>[]</c>/<c>[n]</c> suffixes.
/// </summary>
public ref struct DuckTypeParser
{
    readonly string _text;
    int _pos;

    DuckTypeParser(string text)
    {
        _text = text;
        _pos = 0;
    }

    /// <summary>Parses the whole text as one type.</summary>
    public static DuckType Parse(string text)
    {
        var parser = new DuckTypeParser(text);
        var type = parser.ParseType();
        parser.SkipSpace();
        if (parser._pos != text.Length)
        {
            throw new FormatException($"Unexpected '{text[parser._pos..]}' after the type in '{text}'.");
        }

        return type;
    }

    DuckType ParseType()
    {
        SkipSpace();
        var name = ReadWords();
        if (name.Length == 0)
        {
            throw new FormatException($"Expected a type name at {_pos} in '{_text}'.");
        }

        DuckType type;
        if (name is "STRUCT" or "UNION" && Peek() == '(')
        {
            _pos++;
            var fields = new List<DuckField>();
            while (true)
            {
                SkipSpace();
                var field = ReadFieldName();
                fields.Add(new DuckField(field, ParseType()));
                if (!Consume(','))
                {
                    break;
                }
            }

            Expect(')');
            type = new DuckType { Kind = name == "STRUCT" ? DuckTypeKind.Struct : DuckTypeKind.Union, Name = name, Fields = fields };
        }
        else if (name == "MAP" && Peek() == '(')
        {
            _pos++;
            var key = ParseType();
            Expect(',');
            var value = ParseType();
            Expect(')');
            type = new DuckType { Kind = DuckTypeKind.Map, Name = name, Element = key, Value = value };
        }
        else
        {
            type = DuckType.Scalar(name, Peek() == '(' ? ReadArgs() : null);
        }

        while (Peek() == '[')
        {
            var close = _text.IndexOf(']', _pos);
            if (close < 0)
            {
                throw new FormatException($"Unclosed '[' in '{_text}'.");
            }

            type = DuckType.ListOf(type, _text[(_pos + 1)..close].Trim());
            _pos = close + 1;
        }

        return type;
    }

    // Type names may be several words ("TIMESTAMP WITH TIME ZONE"); they end at a bracket or comma.
    string ReadWords()
    {
        var start = _pos;
        while (_pos < _text.Length && (char.IsLetterOrDigit(_text[_pos]) || _text[_pos] is '_' or ' '))
        {
            _pos++;
        }

        return _text[start.._pos].Trim().ToUpperInvariant();
    }

    string ReadFieldName()
    {
        if (Peek() != '"')
        {
            var start = _pos;
            while (_pos < _text.Length && !char.IsWhiteSpace(_text[_pos]))
            {
                _pos++;
            }

            return _text[start.._pos];
        }

        var name = new StringBuilder();
        _pos++;
        while (_pos < _text.Length)
        {
            if (_text[_pos] == '"')
            {
                if (_pos + 1 < _text.Length && _text[_pos + 1] == '"')
                {
                    name.Append('"');
                    _pos += 2;
                    continue;
                }

                _pos++;
                return name.ToString();
            }

            name.Append(_text[_pos++]);
        }

        throw new FormatException($"Unclosed quoted field name in '{_text}'.");
    }

    // Arguments are kept as text (DECIMAL's precision, ENUM's quoted labels), honouring quotes and nesting.
    string ReadArgs()
    {
        var start = ++_pos;
        var depth = 1;
        var quote = '\0';
        for (; _pos < _text.Length; _pos++)
        {
            var c = _text[_pos];
            if (quote != '\0')
            {
                quote = c == quote ? '\0' : quote;
            }
            else if (c is '\'' or '"')
            {
                quote = c;
            }
            else if (c == '(')
            {
                depth++;
            }
            else if (c == ')' && --depth == 0)
            {
                return _text[start.._pos++].Trim();
            }
        }

        throw new FormatException($"Unclosed '(' in '{_text}'.");
    }

    void SkipSpace()
    {
        while (_pos < _text.Length && char.IsWhiteSpace(_text[_pos]))
        {
            _pos++;
        }
    }

    char Peek()
    {
        SkipSpace();
        return _pos < _text.Length ? _text[_pos] : '\0';
    }

    bool Consume(char c)
    {
        if (Peek() != c)
        {
            return false;
        }

        _pos++;
        return true;
    }

    void Expect(char c)
    {
        if (!Consume(c))
        {
            throw new FormatException($"Expected '{c}' at {_pos} in '{_text}'.");
        }
    }
}
