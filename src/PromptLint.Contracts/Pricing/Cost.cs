using System.Globalization;

namespace PromptLint.Contracts.Pricing;

/// <summary>Money arithmetic and formatting shared by messages and reports.</summary>
public static class Cost
{
    /// <summary>USD for <paramref name="tokens"/> tokens on every one of 1,000 calls at a price per 1M tokens.</summary>
    public static decimal PerThousandCalls(long tokens, decimal pricePerMillion) => tokens * pricePerMillion / 1000m;

    /// <summary>USD for one call.</summary>
    public static decimal PerCall(long tokens, decimal pricePerMillion) => tokens * pricePerMillion / 1_000_000m;

    /// <summary>"$0.0125", "$12.50", "$1,240.00": two decimals from a dollar up, four significant-ish below it.</summary>
    public static string Format(decimal usd)
    {
        var rounded = usd >= 1 || usd == 0 ? decimal.Round(usd, 2) : decimal.Round(usd, 4);
        return "$" + rounded.ToString(usd >= 1 || usd == 0 ? "N2" : "0.00##", CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// A cost per call, which is mostly a fraction of a cent: "$0.00012", "$0.0123", "$1.24" (two decimals from a dollar
    /// up, else three significant digits, rounded half to even on the decimal value so every OS prints the same).
    /// </summary>
    public static string FormatPerCall(decimal usd)
    {
        if (usd < 0)
        {
            return "-" + FormatPerCall(-usd);
        }

        if (usd >= 1 || usd == 0)
        {
            return Format(usd);
        }

        var decimals = 2;
        for (var scaled = usd * 100m; scaled < 100m && decimals < 12; scaled *= 10m)
        {
            decimals++;
        }

        return "$" + decimal.Round(usd, decimals).ToString("0.############", CultureInfo.InvariantCulture);
    }
}
