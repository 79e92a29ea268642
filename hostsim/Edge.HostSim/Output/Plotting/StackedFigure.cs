// Licensed under the MIT License.

using ScottPlot;
using SkiaSharp;

namespace Edge.HostSim.Output.Plotting;

/// <summary>
/// Several ScottPlot plots laid out in rows on one canvas and saved as one PNG or SVG, headless
/// (SkiaSharp raster and SVG canvases; no window system).
/// </summary>
public sealed class StackedFigure
{
    private readonly List<(Plot Plot, PixelRect Rect)> _panels = new List<(Plot, PixelRect)>();

    // True once every panel has been drawn at its size (see SaveSvg).
    private bool _laidOut;

    public StackedFigure(int width)
    {
        Width = width;
    }

    public int Width { get; }

    public int Height { get; private set; }

    /// <summary>The panels, top row first and left to right within a row.</summary>
    public IReadOnlyList<Plot> Plots => _panels.Select(p => p.Plot).ToList();

    /// <summary>Adds a row of equally wide plots of the given height below the previous row.</summary>
    public void AddRow(int height, params Plot[] plots)
    {
        float cellWidth = (float)Width / plots.Length;
        for (int i = 0; i < plots.Length; i++)
        {
            _panels.Add((plots[i], new PixelRect(i * cellWidth, (i + 1) * cellWidth, Height + height, Height)));
        }

        Height += height;
    }

    public void SavePng(string path)
    {
        using SKSurface surface = SKSurface.Create(new SKImageInfo(Width, Height));
        Draw(surface.Canvas);
        using SKImage image = surface.Snapshot();
        using SKData data = image.Encode(SKEncodedImageFormat.Png, 100);
        using FileStream file = File.Create(path);
        data.SaveTo(file);
    }

    public void SaveSvg(string path)
    {
        if (!_laidOut)
        {
            // A plot's first render lays it out and draws it again when its axes change size: on an SVG canvas,
            // which records every call, each panel came out twice (twice the file, and the bands' transparency
            // doubled). A first pass on a throwaway raster settles the layout.
            using SKSurface scratch = SKSurface.Create(new SKImageInfo(Width, Height));
            Draw(scratch.Canvas);
        }

        using FileStream file = File.Create(path);
        using (SKCanvas canvas = SKSvgCanvas.Create(new SKRect(0, 0, Width, Height), file))
        {
            Draw(canvas);
        }
    }

    private void Draw(SKCanvas canvas)
    {
        _laidOut = true;
        canvas.Clear(SKColors.White);
        foreach ((Plot plot, PixelRect rect) in _panels)
        {
            // A plot clears its canvas before drawing: the clip keeps that to its own rectangle.
            canvas.Save();
            canvas.ClipRect(new SKRect(rect.Left, rect.Top, rect.Right, rect.Bottom));
            plot.Render(canvas, rect);
            canvas.Restore();
        }
    }
}
