// Reference surface of nanoFramework's nanoFramework.System.Text 1.3.42 (NuGet package nanoFramework.System.Text).
// Public signatures mirrored from nanoFramework's public repositories; bodies are
// placeholders because this assembly is only ever used as a compile-time reference.

using System;
using System.Collections;
using System.ComponentModel;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.IO;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Remoting;
using System.Runtime.Versioning;
using System.Threading;

namespace System.Text
{
    public abstract class Decoder
    {
        protected Decoder() { throw null; }
        public abstract void Convert(byte[] bytes, int byteIndex, int byteCount, char[] chars, int charIndex, int charCount, bool flush, out int bytesUsed, out int charsUsed, out bool completed);
    }

    public abstract class Encoding
    {
        protected Encoding() { throw null; }
        public static Encoding UTF8 { get { throw null; } }
        public virtual byte[] GetBytes(string s) { throw null; }
        public virtual int GetBytes(string s, int charIndex, int charCount, byte[] bytes, int byteIndex) { throw null; }
        public virtual char[] GetChars(byte[] bytes) { throw null; }
        public virtual char[] GetChars(byte[] bytes, int byteIndex, int byteCount) { throw null; }
        public abstract Decoder GetDecoder();
        public virtual string GetString(byte[] bytes, int index, int count) { throw null; }
    }

    public sealed class StringBuilder
    {
        public StringBuilder() { throw null; }
        public StringBuilder(int capacity) { throw null; }
        public StringBuilder(string value) { throw null; }
        public StringBuilder(int capacity, int maxCapacity) { throw null; }
        public StringBuilder(string value, int capacity) { throw null; }
        public StringBuilder(string value, int startIndex, int length, int capacity) { throw null; }
        public int Capacity { get { throw null; } set { } }
        public int Length { get { throw null; } set { } }
        public int MaxCapacity { get { throw null; } }
        public char this[int index] { get { throw null; } set { } }
        public StringBuilder Append(bool value) { throw null; }
        public StringBuilder Append(byte value) { throw null; }
        public StringBuilder Append(char value) { throw null; }
        public StringBuilder Append(char[] value) { throw null; }
        public StringBuilder Append(double value) { throw null; }
        public StringBuilder Append(float value) { throw null; }
        public StringBuilder Append(int value) { throw null; }
        public StringBuilder Append(long value) { throw null; }
        public StringBuilder Append(object value) { throw null; }
        public StringBuilder Append(sbyte value) { throw null; }
        public StringBuilder Append(short value) { throw null; }
        public StringBuilder Append(string value) { throw null; }
        public StringBuilder Append(uint value) { throw null; }
        public StringBuilder Append(ulong value) { throw null; }
        public StringBuilder Append(ushort value) { throw null; }
        public StringBuilder Append(char value, int repeatCount) { throw null; }
        public StringBuilder Append(char[] value, int startIndex, int charCount) { throw null; }
        public StringBuilder Append(string value, int startIndex, int count) { throw null; }
        public StringBuilder AppendLine() { throw null; }
        public StringBuilder AppendLine(string str) { throw null; }
        public StringBuilder Clear() { throw null; }
        public StringBuilder Insert(int index, string value, int count) { throw null; }
        public StringBuilder Insert(int index, char[] value, int startIndex, int charCount) { throw null; }
        public StringBuilder Remove(int startIndex, int length) { throw null; }
        public StringBuilder Replace(char oldChar, char newChar) { throw null; }
        public StringBuilder Replace(string oldValue, string newValue) { throw null; }
        public StringBuilder Replace(char oldChar, char newChar, int startIndex, int count) { throw null; }
        public StringBuilder Replace(string oldValue, string newValue, int startIndex, int count) { throw null; }
        public override string ToString() { throw null; }
        public string ToString(int startIndex, int length) { throw null; }
    }

    public class UTF8Encoding : Encoding
    {
        public UTF8Encoding() { throw null; }
        public override byte[] GetBytes(string s) { throw null; }
        public override int GetBytes(string s, int charIndex, int charCount, byte[] bytes, int byteIndex) { throw null; }
        public override char[] GetChars(byte[] bytes) { throw null; }
        public override char[] GetChars(byte[] bytes, int byteIndex, int byteCount) { throw null; }
        public override Decoder GetDecoder() { throw null; }
    }
}
