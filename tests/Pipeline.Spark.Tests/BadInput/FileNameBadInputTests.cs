using System.Runtime.InteropServices;
using System.Text;

namespace Pipeline.Spark.Tests.BadInput;

public sealed partial class FileNameBadInputTests : IDisposable
{
    readonly BadInputRun _run = new();

    [Fact]
    public async Task RunAsync_Latin1FileName_QuarantinesFileNamingTheProblem()
    {
        var written = _run.Folder.Write("cafe.csv", "id,name\n7,x\n");
        // .NET only writes UTF-8 names: give the file the Latin-1 name "café.csv" underneath it.
        byte[] utf8 = [.. Encoding.UTF8.GetBytes(written), 0];
        byte[] latin1 = [.. Encoding.UTF8.GetBytes(_run.Folder["caf"]), 0xE9, .. ".csv\0"u8];
        Assert.Equal(0, Rename(utf8, latin1));
        try
        {
            var listed = Assert.Single(Directory.GetFiles(_run.Folder.Path, "caf*"));
            Assert.Equal("caf\uFFFD.csv", Path.GetFileName(listed));

            var result = await _run.RunAsync(listed);

            Assert.Equal("the name of caf\uFFFD.csv is not valid UTF-8 (the bytes that do not decode show as \uFFFD), " +
                "so the file cannot be opened by it; rename the file using UTF-8", _run.AssertOnlyQuarantined(result, "caf\uFFFD.csv"));
        }
        finally
        {
            // .NET cannot delete it under the name it shows either.
            Rename(latin1, utf8);
        }
    }

    [Theory]
    [InlineData("a[1].csv", "a1.csv")]
    [InlineData("b*.csv", "bxx.csv")]
    [InlineData("c?.csv", "cx.csv")]
    [InlineData("[d].csv", "d.csv")]
    public async Task RunAsync_GlobCharactersInName_ReadsThatFileOnly(string name, string lookalike)
    {
        var odd = _run.Folder.Write(name, "id,name\n1,odd\n");
        var twin = _run.Folder.Write(lookalike, "id,name\n2,twin\n");

        var result = await _run.RunAsync(odd, twin);

        Assert.Empty(result.QuarantinedFiles);
        Assert.Equal([$"1|odd|raw/bad/{name}", $"2|twin|raw/bad/{lookalike}", .. _run.GoodRows], _run.Rows());
    }

    [Theory]
    [InlineData("o'neil data.csv")]
    [InlineData("日本語 データ.csv")]
    [InlineData("year=2024.csv")]
    [InlineData("%41 {a,b} ~.csv")]
    [InlineData("back\\slash;semi.csv")]
    [InlineData("line\nbreak.csv")]
    public async Task RunAsync_UnusualButValidName_ReadsFileUnderItsKey(string name)
    {
        var result = await _run.RunAsync(_run.Folder.Write(name, "id,name\n1,x\n"));

        Assert.Empty(result.QuarantinedFiles);
        Assert.Equal([$"1|x|raw/bad/{name}", .. _run.GoodRows], _run.Rows());
    }

    [LibraryImport("libc", EntryPoint = "rename", SetLastError = true)]
    private static partial int Rename(byte[] from, byte[] to);

    public void Dispose() => _run.Dispose();
}
