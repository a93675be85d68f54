namespace ChatBot.Language.Tests;

/// <summary>
/// GPT-2's forward pass written out in plain double-precision loops over Hugging Face's weight layout
/// (Conv1D weights are (in, out), so y = x·W + b), independent of TorchSharp.
/// </summary>
internal static class ReferenceGpt2
{
    /// <summary>Returns the logits of every position, flattened as (position, vocabulary).</summary>
    public static double[] Logits(Dictionary<string, (int[] Shape, float[] Values)> weights, int[] tokens, int layers, int heads)
    {
        var wte = weights["wte.weight"];
        var vocabulary = wte.Shape[0];
        var width = wte.Shape[1];
        var length = tokens.Length;
        var x = new double[length][];
        for (var t = 0; t < length; t++)
        {
            x[t] = new double[width];
            for (var i = 0; i < width; i++)
            {
                x[t][i] = wte.Values[(tokens[t] * width) + i] + weights["wpe.weight"].Values[(t * width) + i];
            }
        }

        for (var layer = 0; layer < layers; layer++)
        {
            var p = $"h.{layer}.";
            var normed = x.Select(row => LayerNorm(row, weights[p + "ln_1.weight"].Values, weights[p + "ln_1.bias"].Values)).ToArray();
            var qkv = normed.Select(row => Affine(row, weights[p + "attn.c_attn.weight"].Values, weights[p + "attn.c_attn.bias"].Values, 3 * width)).ToArray();
            var attended = Attention(qkv, width, heads);
            for (var t = 0; t < length; t++)
            {
                var projected = Affine(attended[t], weights[p + "attn.c_proj.weight"].Values, weights[p + "attn.c_proj.bias"].Values, width);
                for (var i = 0; i < width; i++)
                {
                    x[t][i] += projected[i];
                }
            }

            for (var t = 0; t < length; t++)
            {
                var n = LayerNorm(x[t], weights[p + "ln_2.weight"].Values, weights[p + "ln_2.bias"].Values);
                var hidden = Affine(n, weights[p + "mlp.c_fc.weight"].Values, weights[p + "mlp.c_fc.bias"].Values, 4 * width).Select(GeluTanh).ToArray();
                var output = Affine(hidden, weights[p + "mlp.c_proj.weight"].Values, weights[p + "mlp.c_proj.bias"].Values, width);
                for (var i = 0; i < width; i++)
                {
                    x[t][i] += output[i];
                }
            }
        }

        var logits = new double[length * vocabulary];
        for (var t = 0; t < length; t++)
        {
            var final = LayerNorm(x[t], weights["ln_f.weight"].Values, weights["ln_f.bias"].Values);
            for (var v = 0; v < vocabulary; v++)
            {
                double sum = 0;
                for (var i = 0; i < width; i++)
                {
                    sum += final[i] * wte.Values[(v * width) + i];
                }

                logits[(t * vocabulary) + v] = sum;
            }
        }

        return logits;
    }

    private static double[][] Attention(double[][] qkv, int width, int heads)
    {
        var length = qkv.Length;
        var headWidth = width / heads;
        var output = Enumerable.Range(0, length).Select(_ => new double[width]).ToArray();
        for (var h = 0; h < heads; h++)
        {
            for (var t = 0; t < length; t++)
            {
                var scores = new double[t + 1];
                for (var s = 0; s <= t; s++)
                {
                    double dot = 0;
                    for (var i = 0; i < headWidth; i++)
                    {
                        dot += qkv[t][(h * headWidth) + i] * qkv[s][width + (h * headWidth) + i];
                    }

                    scores[s] = dot / Math.Sqrt(headWidth);
                }

                var max = scores.Max();
                var exp = scores.Select(v => Math.Exp(v - max)).ToArray();
                var total = exp.Sum();
                for (var s = 0; s <= t; s++)
                {
                    for (var i = 0; i < headWidth; i++)
                    {
                        output[t][(h * headWidth) + i] += exp[s] / total * qkv[s][(2 * width) + (h * headWidth) + i];
                    }
                }
            }
        }

        return output;
    }

    private static double[] Affine(double[] input, float[] weight, float[] bias, int outputs)
    {
        var result = new double[outputs];
        for (var o = 0; o < outputs; o++)
        {
            double sum = bias[o];
            for (var i = 0; i < input.Length; i++)
            {
                sum += input[i] * weight[(i * outputs) + o];
            }

            result[o] = sum;
        }

        return result;
    }

    private static double[] LayerNorm(double[] input, float[] gain, float[] bias)
    {
        var mean = input.Average();
        var variance = input.Select(v => (v - mean) * (v - mean)).Average();
        var scale = 1.0 / Math.Sqrt(variance + 1e-5);
        return [.. input.Select((v, i) => ((v - mean) * scale * gain[i]) + bias[i])];
    }

    private static double GeluTanh(double x) => 0.5 * x * (1 + Math.Tanh(Math.Sqrt(2 / Math.PI) * (x + (0.044715 * x * x * x))));
}
